using Portal.Core.Reports.Open311;
using Portal.Web.Reports.Open311;

namespace Portal.Tests.Reports;

/// <summary>GeoReport v2's rules as the city applies them: the 90-day window, the 1,000 cap, keys and times.</summary>
public sealed class Open311RuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_dates_only_the_last_90_days_are_searched_and_at_most_1000_requests()
    {
        var q = Open311Window.Apply(null, "road-pothole", null, null, true, Now);
        Assert.Equal((Now.AddDays(-90), (DateTimeOffset?)null, 1000, "road-pothole", (bool?)true), (q.StartUtc!.Value, q.EndUtc, q.Max, q.ServiceCode, q.Open));
    }

    [Fact]
    public void With_an_end_date_only_the_90_days_before_it_are_searched()
    {
        var end = Now.AddDays(-200);
        Assert.Equal(end.AddDays(-90), Open311Window.Apply(null, null, null, end, null, Now).StartUtc);
    }

    [Fact]
    public void A_start_date_is_kept_as_given_however_old()
    {
        var start = Now.AddYears(-3);
        Assert.Equal(start, Open311Window.Apply(null, null, start, null, null, Now).StartUtc);
    }

    [Fact]
    public void Ids_override_every_other_filter()
    {
        var q = Open311Window.Apply([3, 1, 3], "park-bench", Now.AddDays(-1), Now, false, Now);
        Assert.Equal([3L, 1L], q.Ids!);
        Assert.Equal(((string?)null, (DateTimeOffset?)null, (bool?)null), (q.ServiceCode, q.StartUtc, q.Open));
    }

    [Fact]
    public void A_retry_with_the_same_device_and_token_has_the_same_idempotency_key()
    {
        var first = Open311IdempotencyKey.For(7, "phone-1", "token-a");
        Assert.Equal(first, Open311IdempotencyKey.For(7, "phone-1", "token-a"));
        Assert.NotEqual(first, Open311IdempotencyKey.For(8, "phone-1", "token-a"));
        Assert.NotEqual(first, Open311IdempotencyKey.For(7, "phone-2", "token-a"));
        Assert.True(first.Length <= 64);
    }

    [Fact]
    public void Without_a_client_token_every_post_is_a_new_report()
    {
        Assert.NotEqual(Open311IdempotencyKey.For(7, "phone-1", null), Open311IdempotencyKey.For(7, "phone-1", null));
    }

    [Fact]
    public void Keys_are_stored_as_their_SHA256_and_never_as_themselves()
    {
        var key = Open311ApiKeyService.NewKey();
        var hash = Open311ApiKeyService.Hash(key);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(key, hash);
        Assert.NotEqual(key, Open311ApiKeyService.NewKey());
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Open311ApiKeyService.Hash("test"));
    }

    [Theory]
    [InlineData("2026-11-25T09:00:00+09:00", "2026-11-25T00:00:00Z")]
    [InlineData("2026-11-25T09:00:00 09:00", "2026-11-25T00:00:00Z")]
    [InlineData("2026-11-25T00:00:00Z", "2026-11-25T00:00:00Z")]
    [InlineData("2026-11-25T09:00:00", "2026-11-25T00:00:00Z")]
    [InlineData("2026-11-25", "2026-11-24T15:00:00Z")]
    public void W3C_times_are_read_and_a_time_without_offset_is_Japan_time(string text, string utc)
    {
        Assert.True(Open311Endpoints.TryParseTime(text, out var parsed));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Fact]
    public void Output_times_are_Japan_time_with_the_offset()
    {
        Assert.Equal("2026-11-25T12:00:00+09:00", Open311Output.Time(Now));
        Assert.False(Open311Endpoints.TryParseTime("yesterday", out _));
    }
}
