using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

// xunit runs collections side by side and the tests of one collection one after another. The longer browser test
// classes get portal servers of their own so that they run alongside the tests of the shared "Portal app" server:
// a browser test spends most of its time waiting on Chromium and the server, not on the processor.

/// <summary>The desktop accessibility pass over every page, on its own server.</summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Portal app: accessibility";
}

/// <summary>The phone-size pass, on its own server.</summary>
[CollectionDefinition(Name)]
public sealed class PhoneCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Portal app: phone";
}

/// <summary>The kiosk's screens at full-HD sizes, on their own server: a ward office's whole hall of counters is theirs.</summary>
[CollectionDefinition(Name)]
public sealed class KioskCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Portal app: kiosk";
}
