using Microsoft.Extensions.Time.Testing;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;

namespace Portal.Tests.Reports.Alerts;

/// <summary>
/// The rules of area alerts and follows (issue 17, item 2): one digest per alert per Japan day from the configured time;
/// what a digest says (public reports in its area, not the resident's own, new ones once); who hears of a followed change.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly TimeOnly Seven = new(7, 0);
    private static readonly GeoPoint Chiba = ReportTests.Chiba;

    private static AlertSubscription Alert(AlertArea area = AlertArea.Ward, AlertEvents events = AlertEvents.Both, DateOnly? lastDay = null,
        DateTimeOffset? coveredUntil = null, string? ward = "chuo", string? category = null, int? radius = null) =>
        new(1, 100, area, ward, category, area == AlertArea.Radius ? Chiba.Latitude : null, area == AlertArea.Radius ? Chiba.Longitude : null, radius,
            events, At("2026-12-01T09:00:00+09:00"), coveredUntil ?? At("2026-12-01T09:00:00+09:00"), lastDay);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static ReportEvent New(long id, string at, ReportStatus now = ReportStatus.Received, long? reporter = 200, string ward = "chuo",
        string category = "road-pothole", GeoPoint? place = null) =>
        new(id, At(at), null, ReportStatus.Received, now, reporter, ward, category, (place ?? Chiba).Latitude, (place ?? Chiba).Longitude);

    private static ReportEvent Moved(long id, string at, ReportStatus from, ReportStatus to, ReportStatus? now = null, long? reporter = 200) =>
        new(id, At(at), from, to, now ?? to, reporter, "chuo", "road-pothole", Chiba.Latitude, Chiba.Longitude);

    [Theory]
    // Before 07:00 Japan time (22:00 UTC the day before): not yet.
    [InlineData("2026-12-09T06:59:00+09:00", null, false)]
    [InlineData("2026-12-09T07:00:00+09:00", null, true)]
    // 23:30 Japan time, 14:30 UTC: still the same Japan day.
    [InlineData("2026-12-09T23:30:00+09:00", null, true)]
    // Already sent this Japan day: not again, however late.
    [InlineData("2026-12-09T23:59:00+09:00", "2026-12-09", false)]
    // Sent yesterday: due again from 07:00 today.
    [InlineData("2026-12-10T07:30:00+09:00", "2026-12-09", true)]
    // Just after Japan midnight (15:00 UTC): a new day, but not yet the time.
    [InlineData("2026-12-10T00:05:00+09:00", "2026-12-09", false)]
    public void A_digest_is_due_once_a_Japan_day_from_the_set_time(string now, string? lastDay, bool due)
    {
        var time = new FakeTimeProvider(At(now));
        var alert = Alert(lastDay: lastDay is null ? null : DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(due, AlertRules.IsDue(alert, time.GetUtcNow(), Seven));
    }

    [Fact]
    public void The_digest_day_is_the_Japan_day_not_the_UTC_one()
    {
        // 16:00 UTC on 9 December is 01:00 on 10 December in Japan.
        Assert.Equal(new DateOnly(2026, 12, 10), AlertRules.DayOf(At("2026-12-09T16:00:00Z")));
    }

    [Fact]
    public void A_digest_tells_new_reports_and_public_changes_in_its_area_each_once()
    {
        var digest = AlertRules.Compose(Alert(), [
            New(10, "2026-12-02T10:00:00+09:00"),
            // New and changed in the same period: listed as new only.
            New(11, "2026-12-02T11:00:00+09:00", ReportStatus.InProgress),
            Moved(11, "2026-12-02T12:00:00+09:00", ReportStatus.Received, ReportStatus.InProgress),
            // An older report reached "fixed", twice through its states: once.
            Moved(5, "2026-12-02T13:00:00+09:00", ReportStatus.Accepted, ReportStatus.InProgress, ReportStatus.Fixed),
            Moved(5, "2026-12-02T14:00:00+09:00", ReportStatus.InProgress, ReportStatus.Fixed),
            // In progress to action scheduled is no change the public sees (both 対応中).
            Moved(6, "2026-12-02T15:00:00+09:00", ReportStatus.InProgress, ReportStatus.ActionScheduled),
        ]);
        Assert.NotNull(digest);
        Assert.Equal([10L, 11L], digest.NewReports);
        Assert.Equal([5L], digest.ChangedReports);
    }

    [Fact]
    public void Hidden_withdrawn_and_own_reports_and_old_news_are_never_in_a_digest()
    {
        var alert = Alert(coveredUntil: At("2026-12-02T00:00:00+09:00"));
        Assert.Null(AlertRules.Compose(alert, [
            New(20, "2026-12-02T10:00:00+09:00", ReportStatus.Hidden),
            New(21, "2026-12-02T10:00:00+09:00", ReportStatus.Withdrawn),
            Moved(22, "2026-12-02T10:00:00+09:00", ReportStatus.InProgress, ReportStatus.Hidden),
            // The resident's own report: they hear of it as its reporter.
            New(23, "2026-12-02T10:00:00+09:00", reporter: alert.AccountId),
            // Before the alert last looked.
            New(24, "2026-12-01T23:59:00+09:00"),
        ]));
    }

    [Fact]
    public void What_to_tell_follows_the_alerts_choice()
    {
        ReportEvent[] events = [New(30, "2026-12-02T10:00:00+09:00"), Moved(31, "2026-12-02T10:00:00+09:00", ReportStatus.InProgress, ReportStatus.Fixed)];
        var fresh = AlertRules.Compose(Alert(events: AlertEvents.NewReports), events)!;
        Assert.Equal([30L], fresh.NewReports);
        Assert.Empty(fresh.ChangedReports);
        var changes = AlertRules.Compose(Alert(events: AlertEvents.StatusChanges), events)!;
        Assert.Empty(changes.NewReports);
        Assert.Equal([31L], changes.ChangedReports);
    }

    [Fact]
    public void A_circle_a_ward_and_a_category_each_cover_their_own_reports()
    {
        var near = new GeoPoint(Chiba.Latitude + 0.002, Chiba.Longitude); // about 220 m north
        var far = new GeoPoint(Chiba.Latitude + 0.006, Chiba.Longitude);  // about 670 m north
        var circle = Alert(AlertArea.Radius, ward: null, radius: 250);
        Assert.True(circle.Covers("inage", "park-equipment", near));
        Assert.False(circle.Covers("chuo", "road-pothole", far));
        Assert.True((circle with { RadiusMeters = 1000 }).Covers("chuo", "road-pothole", far));

        Assert.True(Alert().Covers("chuo", "park-equipment", far));
        Assert.False(Alert().Covers("inage", "road-pothole", Chiba));

        var cityWide = Alert(AlertArea.Category, ward: null, category: "road-pothole");
        Assert.True(cityWide.Covers("midori", "road-pothole", far));
        Assert.False(cityWide.Covers("chuo", "park-equipment", Chiba));
        var inWard = cityWide with { WardId = "chuo" };
        Assert.False(inWard.Covers("midori", "road-pothole", far));
        Assert.True(inWard.Covers("chuo", "road-pothole", far));
    }

    [Fact]
    public void Followers_hear_of_a_change_once_and_not_as_its_reporter_or_when_asked_is_it_fixed()
    {
        // 1 reported it and follows, 2 follows, 3 said "me too" and follows (asked "is it fixed?" by this move), 2 twice.
        Assert.Equal([2L], AlertRules.FollowersToTell([1, 2, 3, 2], reporterId: 1, toldOtherwise: [1, 3]));
        // A report without a reporter account (filed for a caller): every follower.
        Assert.Equal([4L, 5L], AlertRules.FollowersToTell([4, 5], reporterId: null, toldOtherwise: []));
    }

    [Fact]
    public void A_digest_lists_ten_numbers_and_counts_the_rest()
    {
        Assert.Equal("#1, #2", AlertRules.Numbers([1, 2]));
        Assert.Equal("-", AlertRules.Numbers([]));
        Assert.Equal("#1, #2, #3, #4, #5, #6, #7, #8, #9, #10 +2", AlertRules.Numbers([.. Enumerable.Range(1, 12).Select(i => (long)i)]));
    }

    [Theory]
    [InlineData(AlertArea.Ward, null, null, null, null, AlertKeys.WardRequired)]
    [InlineData(AlertArea.Category, "chuo", null, null, null, AlertKeys.CategoryRequired)]
    [InlineData(AlertArea.Radius, null, null, null, 500, AlertKeys.PointRequired)]
    // Tokyo station: outside the city.
    [InlineData(AlertArea.Radius, null, 35.681, 139.767, 500, AlertKeys.PointRequired)]
    [InlineData(AlertArea.Radius, null, 35.607, 140.106, 300, AlertKeys.RadiusNotOffered)]
    public void An_alert_needs_the_fields_of_its_area(AlertArea area, string? ward, double? lat, double? lon, int? radius, string key)
    {
        var result = new AlertInputValidator().Validate(new AlertInput { Area = area, WardId = ward, Latitude = lat, Longitude = lon, RadiusMeters = radius });
        Assert.Contains(key, result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void An_alert_keeps_only_the_fields_its_area_uses()
    {
        var now = At("2026-12-02T10:00:00+09:00");
        var circle = new AlertInput { Area = AlertArea.Radius, WardId = "chuo", CategoryCode = "x", Latitude = 35.6, Longitude = 140.1, RadiusMeters = 250 }
            .ToSubscription(7, now);
        Assert.Equal((null, null, 250), (circle.WardId, circle.CategoryCode, circle.RadiusMeters));
        Assert.Equal(now, circle.CoveredUntilUtc);
        var category = new AlertInput { Area = AlertArea.Category, WardId = " ", CategoryCode = "road-pothole", RadiusMeters = 250 }.ToSubscription(7, now);
        Assert.Equal((null, "road-pothole", null), (category.WardId, category.CategoryCode, category.RadiusMeters));
    }
}
