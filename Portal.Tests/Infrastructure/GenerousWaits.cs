[assembly: AssemblyFixture(typeof(Portal.Tests.Infrastructure.GenerousWaits))]

namespace Portal.Tests.Infrastructure;

/// <summary>
/// bUnit's WaitForAssertion, WaitForState and WaitForElement give up after one second unless told otherwise: at the
/// CI machine's load that is a time, not a condition. Set once, before any test, to <see cref="Eventually"/>'s bound;
/// a wait whose condition holds still returns at once.
/// </summary>
public sealed class GenerousWaits
{
    public GenerousWaits() => Bunit.BunitContext.DefaultWaitTimeout = Eventually.DefaultWithin;
}
