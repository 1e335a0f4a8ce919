using System.Globalization;
using Portal.Core.Retention;

namespace Portal.Tests.Retention;

/// <summary>The retention rule: periods in Japan calendar days and years, each boundary the start of a Japan day.</summary>
public sealed class RetentionPolicyTests
{
    private static readonly RetentionPolicy Defaults = new(new RetentionOptions());

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();

    [Fact]
    public void Defaults_keep_ticket_links_a_month_notices_a_year_and_audit_records_five_years()
    {
        var b = Defaults.BoundariesAt(At("2026-12-06T10:00:00+09:00"));

        Assert.Equal(new DateOnly(2026, 12, 6), b.TodayJapan);
        Assert.Equal(new DateOnly(2026, 11, 6), b.TicketDaysBefore);
        Assert.Equal(At("2026-12-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.TicketAddresses]);
        Assert.Equal(At("2026-12-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.AddressNotices]);
        Assert.Equal(At("2026-12-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.TicketPushDevices]);
        Assert.Equal(At("2026-11-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.ClosedTickets]);
        Assert.Equal(At("2026-11-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.TicketNotices]);
        Assert.Equal(At("2025-12-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.DeliveredNotices]);
        Assert.Equal(At("2021-12-06T00:00:00+09:00"), b.BeforeUtc[RetentionKind.AuditRecords]);
        // Uploads count hours from the run, not Japan days: a photo is never taken before its day has passed.
        Assert.Equal(At("2026-12-05T10:00:00+09:00"), b.BeforeUtc[RetentionKind.AbandonedUploads]);
        Assert.Equal(Enum.GetValues<RetentionKind>().Length, b.BeforeUtc.Count);
    }

    [Theory]
    // 23:59:59 in Japan is still the 6th, although it is already 14:59 UTC; one second later it is the 7th.
    [InlineData("2026-12-06T14:59:59Z", "2026-12-06")]
    [InlineData("2026-12-06T15:00:00Z", "2026-12-07")]
    // Midnight in Japan on the 6th is still the 5th in UTC.
    [InlineData("2026-12-05T15:00:00Z", "2026-12-06")]
    public void The_day_turns_at_midnight_in_Japan_not_in_UTC(string nowUtc, string today)
    {
        var b = Defaults.BoundariesAt(At(nowUtc));

        Assert.Equal(DateOnly.Parse(today, CultureInfo.InvariantCulture), b.TodayJapan);
        // Addresses of yesterday's tickets are due from Japan midnight: 15:00 UTC the day before.
        Assert.Equal(At(today + "T00:00:00+09:00"), b.BeforeUtc[RetentionKind.TicketAddresses]);
        Assert.Equal(TimeSpan.FromHours(15), b.BeforeUtc[RetentionKind.TicketAddresses].TimeOfDay);
    }

    [Theory]
    // Five years back from 29 February lands on 28 February; four years back on 29 February again.
    [InlineData("2028-02-29T12:00:00+09:00", 5, "2023-02-28")]
    [InlineData("2028-02-29T12:00:00+09:00", 4, "2024-02-29")]
    [InlineData("2029-03-01T00:00:00+09:00", 1, "2028-03-01")]
    public void Audit_years_are_calendar_years_in_Japan(string now, int years, string boundary)
    {
        var policy = new RetentionPolicy(new RetentionOptions { AuditYears = years });

        Assert.Equal(At(boundary + "T00:00:00+09:00"), policy.BoundariesAt(At(now)).BeforeUtc[RetentionKind.AuditRecords]);
    }

    [Fact]
    public void Ticket_days_count_the_29th_of_February()
    {
        var policy = new RetentionPolicy(new RetentionOptions { ClosedTicketDays = 30 });

        Assert.Equal(new DateOnly(2028, 1, 31), policy.BoundariesAt(At("2028-03-01T09:00:00+09:00")).TicketDaysBefore);
        Assert.Equal(new DateOnly(2027, 1, 30), policy.BoundariesAt(At("2027-03-01T09:00:00+09:00")).TicketDaysBefore);
    }

    [Theory]
    [InlineData("2026-12-06T03:29:59+09:00", "2026-12-06T03:30:00+09:00")]
    [InlineData("2026-12-06T03:30:00+09:00", "2026-12-07T03:30:00+09:00")]
    [InlineData("2026-12-06T23:00:00+09:00", "2026-12-07T03:30:00+09:00")]
    [InlineData("2028-02-28T12:00:00+09:00", "2028-02-29T03:30:00+09:00")]
    public void The_job_runs_daily_at_half_past_three_in_Japan(string now, string next)
    {
        Assert.Equal(At(next), Defaults.NextRunUtc(At(now)));
    }

    [Theory]
    [InlineData(0, 5, 365, 500, "03:30")]
    [InlineData(30, 0, 365, 500, "03:30")]
    [InlineData(30, 5, 7, 500, "03:30")]
    [InlineData(30, 5, 365, 0, "03:30")]
    [InlineData(30, 5, 365, 500, "3:30 am")]
    public void Periods_too_short_to_be_meant_are_refused_at_start(int ticketDays, int auditYears, int noticeDays, int batch, string runAt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionPolicy(new RetentionOptions
        {
            ClosedTicketDays = ticketDays, AuditYears = auditYears, DeliveredNoticeDays = noticeDays, BatchSize = batch, RunAt = runAt,
        }));
    }
}
