using Portal.Core.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>When a failed delivery is tried again, when it is given up, and what an interrupted send means.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 1920)]
    [InlineData(5, 7680)]
    public void Each_wait_is_four_times_the_one_before_starting_at_thirty_seconds(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.BaseDelay(attempts));

    [Theory]
    [InlineData(6)]
    [InlineData(20)]
    [InlineData(1000)]
    public void The_wait_never_grows_past_six_hours(int attempts) =>
        Assert.Equal(TimeSpan.FromHours(6), RetrySchedule.BaseDelay(attempts));

    [Fact]
    public void Jitter_moves_the_wait_by_at_most_a_fifth_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(24), RetrySchedule.Delay(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(120), RetrySchedule.Delay(2, 0.5));
        Assert.InRange(RetrySchedule.Delay(3, 0.999999), TimeSpan.FromSeconds(575), TimeSpan.FromSeconds(576));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.Delay(1, 1));
    }

    [Fact]
    public void A_failure_below_the_limit_is_retried_after_the_backoff_and_at_the_limit_goes_to_the_dead_letters()
    {
        var retry = Assert.IsType<DeliveryDecision.Retry>(DeliveryRules.AfterFailure(2, 5, "timeout", Now, 0.5));
        Assert.Equal(Now.AddMinutes(2), retry.NextAttemptUtc);
        Assert.Equal("timeout", retry.Error);

        var dead = Assert.IsType<DeliveryDecision.Dead>(DeliveryRules.AfterFailure(5, 5, "timeout", Now, 0.5));
        Assert.Contains("5 attempts", dead.Reason);
        Assert.Contains("timeout", dead.Reason);
    }

    [Theory]
    [InlineData(NoticeChannel.Line)]
    [InlineData(NoticeChannel.WebPush)]
    [InlineData(NoticeChannel.InApp)]
    public void An_interrupted_send_on_a_channel_that_drops_repeats_is_tried_again_at_once(NoticeChannel channel)
    {
        var retry = Assert.IsType<DeliveryDecision.Retry>(DeliveryRules.AfterInterruption(channel, 1, 8, Now));
        Assert.Equal(Now, retry.NextAttemptUtc);
    }

    [Fact]
    public void An_interrupted_e_mail_may_have_gone_out_so_an_admin_decides()
    {
        var dead = Assert.IsType<DeliveryDecision.Dead>(DeliveryRules.AfterInterruption(NoticeChannel.Email, 1, 8, Now));
        Assert.Equal("interrupted while sending; may have been delivered", dead.Reason);
    }

    [Fact]
    public void Interruptions_count_towards_the_limit_too()
    {
        Assert.IsType<DeliveryDecision.Dead>(DeliveryRules.AfterInterruption(NoticeChannel.Line, 8, 8, Now));
    }

    [Fact]
    public void Links_become_absolute_on_the_public_address()
    {
        var options = new NotificationOptions { PublicBaseUrl = "https://portal.city.chiba.jp/" };
        Assert.Equal("https://portal.city.chiba.jp/reports/45", options.AbsoluteUrl("/reports/45"));
        Assert.Null(options.AbsoluteUrl(null));
    }

    [Fact]
    public async Task A_signal_wakes_the_waiting_worker_before_the_poll_interval()
    {
        var signal = new OutboxSignal();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), time, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_a_signal_the_worker_wakes_when_the_poll_interval_passes()
    {
        var signal = new OutboxSignal();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), time, TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }
}
