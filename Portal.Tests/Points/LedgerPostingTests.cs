using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Rules;

namespace Portal.Tests.Points;

/// <summary>The rules of a transaction, FIFO spending and expiry dates, without a database.</summary>
public sealed class LedgerPostingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static LedgerRequest Request(params PostingLine[] lines) => new("key-1", PointTransactionKind.Earn, lines, "memo");

    private static string Broken(LedgerRequest request) => Assert.Throws<RuleException>(() => LedgerPosting.Check(request)).Key;

    [Fact]
    public void A_balanced_transaction_of_two_or_more_lines_passes()
    {
        LedgerPosting.Check(Request(new PostingLine(1, -50), new PostingLine(2, 50)));
        LedgerPosting.Check(Request(new PostingLine(1, -80), new PostingLine(2, 50), new PostingLine(3, 30)));
    }

    [Fact]
    public void Lines_that_do_not_sum_to_zero_are_refused() =>
        Assert.Equal(PointsErrors.Unbalanced, Broken(Request(new PostingLine(1, -50), new PostingLine(2, 49))));

    [Fact]
    public void A_single_line_is_not_a_transaction() =>
        Assert.Equal(PointsErrors.Unbalanced, Broken(Request(new PostingLine(1, 0))));

    [Fact]
    public void A_zero_line_is_refused() =>
        Assert.Equal(PointsErrors.ZeroLine, Broken(Request(new PostingLine(1, 0), new PostingLine(2, 0))));

    [Fact]
    public void The_same_account_twice_is_refused() =>
        Assert.Equal(PointsErrors.AccountTwice, Broken(Request(new PostingLine(1, -50), new PostingLine(1, 50))));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_transaction_needs_a_key(string key) =>
        Assert.Equal(PointsErrors.BadKey, Broken(Request(new PostingLine(1, -5), new PostingLine(2, 5)) with { IdempotencyKey = key }));

    [Fact]
    public void A_key_longer_than_the_column_is_refused() =>
        Assert.Equal(PointsErrors.BadKey, Broken(Request(new PostingLine(1, -5), new PostingLine(2, 5)) with { IdempotencyKey = new string('k', 121) }));

    [Fact]
    public void A_reversal_names_its_original_and_nothing_else_does()
    {
        var lines = new[] { new PostingLine(1, -5), new PostingLine(2, 5) };
        Assert.Equal(PointsErrors.ReversalWithoutOriginal, Broken(new LedgerRequest("k", PointTransactionKind.Reverse, lines, "")));
        Assert.Equal(PointsErrors.ReversalWithoutOriginal, Broken(new LedgerRequest("k", PointTransactionKind.Earn, lines, "", ReversesId: 4)));
        LedgerPosting.Check(new LedgerRequest("k", PointTransactionKind.Reverse, lines, "", ReversesId: 4));
    }

    [Fact]
    public void Overflowing_lines_are_refused_not_wrapped() =>
        Assert.Throws<OverflowException>(() => LedgerPosting.Check(Request(new PostingLine(1, long.MaxValue), new PostingLine(2, 1), new PostingLine(3, long.MinValue))));

    [Fact]
    public void A_reversal_negates_every_posting_on_the_same_lots()
    {
        var original = new PointTransaction(7, "k", PointTransactionKind.Redeem, "", null, null, Now,
            [new Posting(1, 7, 10, -30, 100), new Posting(2, 7, 10, -20, 101), new Posting(3, 7, 20, 50, null)]);

        Assert.Equal([new PostingLine(10, 30, 100), new PostingLine(10, 20, 101), new PostingLine(20, -50, null)], LedgerPosting.ReversalOf(original));
        Assert.Throws<RuleException>(() => LedgerPosting.ReversalOf(original with { Kind = PointTransactionKind.Reverse, ReversesId = 3 }));
    }

    [Fact]
    public void The_fingerprint_tells_a_different_request_under_the_same_key()
    {
        var a = Request(new PostingLine(1, -50), new PostingLine(2, 50));
        Assert.Equal(LedgerPosting.Fingerprint(a), LedgerPosting.Fingerprint(a with { Memo = "other words", Lines = [.. a.Lines.Reverse()] }));
        Assert.NotEqual(LedgerPosting.Fingerprint(a), LedgerPosting.Fingerprint(Request(new PostingLine(1, -60), new PostingLine(2, 60))));
        Assert.NotEqual(LedgerPosting.Fingerprint(a), LedgerPosting.Fingerprint(a with { Kind = PointTransactionKind.Adjust }));
    }

    private static PointLot Lot(long id, long remaining, DateTimeOffset expires) => new(id, 1, id, 100, remaining, expires, Now.AddDays(-10));

    [Fact]
    public void Spending_takes_the_lot_that_expires_first_then_the_next()
    {
        var lots = new[] { Lot(1, 100, Now.AddDays(300)), Lot(2, 40, Now.AddDays(20)), Lot(3, 100, Now.AddDays(100)) };

        Assert.Equal([(2L, 40L), (3L, 60L)], LotSpending.Allocate(lots, 100, Now));
    }

    [Fact]
    public void An_expired_lot_is_never_spent_and_a_wallet_short_of_points_is_refused()
    {
        var lots = new[] { Lot(1, 100, Now), Lot(2, 30, Now.AddDays(1)) };

        Assert.Equal([(2L, 30L)], LotSpending.Allocate(lots, 30, Now));
        Assert.Equal(PointsErrors.InsufficientPoints, Assert.Throws<RuleException>(() => LotSpending.Allocate(lots, 31, Now)).Key);
    }

    [Theory]
    [InlineData("2026-04-01T00:00:00+09:00", "2028-03-31")] // first day of fiscal 2026
    [InlineData("2027-03-31T23:59:59+09:00", "2028-03-31")] // last day of fiscal 2026
    [InlineData("2027-03-31T15:30:00+00:00", "2029-03-31")] // 1 April 00:30 in Japan, already fiscal 2027
    [InlineData("2028-02-29T12:00:00+09:00", "2029-03-31")]
    public void Points_last_until_the_end_of_the_following_fiscal_year_in_Japan_time(string earned, string lastDay)
    {
        var policy = ExpiryPolicy.Default;
        var at = DateTimeOffset.Parse(earned, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), policy.LastDay(at));
        Assert.Equal(new DateTimeOffset(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)),
            policy.ExpiresUtc(at));
        Assert.Equal(policy.LastDay(at), ExpiryPolicy.LastDayOf(policy.ExpiresUtc(at)));
    }

    [Fact]
    public void The_policy_can_count_months_from_the_day_of_earning_instead()
    {
        var policy = new ExpiryPolicy(ExpiryRule.MonthsAfterEarning, 12);

        Assert.Equal(new DateOnly(2027, 2, 28), policy.LastDay(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal(new DateOnly(2027, 11, 25), policy.LastDay(Now));
    }

    [Fact]
    public void The_expiry_reminder_names_the_account_and_the_day_so_it_is_sent_once()
    {
        var notice = PointsLedgerService.ExpiringNotice(new ExpiringPoints(42, 7, new DateOnly(2027, 3, 31), 150));

        Assert.Equal(NoticeKind.PointsExpiring, notice.Kind);
        Assert.Equal(new NoticeRecipient.Account(42), notice.Recipient);
        Assert.Equal("points:42:expiring:2027-03-31", notice.DedupKey);
        Assert.Equal("150", notice.Values["points"]);
        Assert.Equal("2027-03-31", notice.Values[NoticeValues.ExpiryDate]);
        // The values are the ones the template fills, in both languages.
        var renderer = Portal.Tests.Notifications.NoticeRendererTests.ResourceRenderer();
        foreach (var culture in new[] { "ja", "en" })
        {
            var text = renderer.Render(notice.Kind, culture, notice.Values);
            Assert.Contains("2027-03-31", text.Subject + text.Body);
        }
        Assert.Equal("/points", notice.Link);
    }
}

public sealed class PointsScheduleTests
{
    [Theory]
    [InlineData("2026-11-25T12:00:00+09:00", "2026-11-26T00:05:00+09:00")]
    [InlineData("2026-11-25T00:04:59+09:00", "2026-11-25T00:05:00+09:00")]
    [InlineData("2026-11-25T00:05:00+09:00", "2026-11-26T00:05:00+09:00")]
    [InlineData("2027-03-31T23:59:00+09:00", "2027-04-01T00:05:00+09:00")]
    public void The_expiry_run_is_daily_just_after_midnight_in_Japan(string now, string next)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), PointsSchedule.NextRunUtc(at.ToUniversalTime()));
    }
}
