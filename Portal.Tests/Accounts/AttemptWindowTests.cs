using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;

namespace Portal.Tests.Accounts;

public sealed class AttemptWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_attempt_past_the_limit_is_refused_until_the_first_one_leaves_the_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));
        var window = new MemoryAttemptWindow(time);
        var fifteenMinutes = TimeSpan.FromMinutes(15);

        Assert.True(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));
        Assert.False(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));
        Assert.True(await window.TryAttemptAsync("for-you-link:8", 2, fifteenMinutes, Ct));

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.True(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));
        Assert.False(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));

        await window.ResetAsync("for-you-link:7", Ct);
        Assert.True(await window.TryAttemptAsync("for-you-link:7", 2, fifteenMinutes, Ct));
    }
}
