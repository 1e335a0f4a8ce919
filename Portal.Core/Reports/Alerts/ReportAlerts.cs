using System.Globalization;
using FluentValidation;
using Portal.Core.Geography;
using Portal.Core.Time;

namespace Portal.Core.Reports.Alerts;

/// <summary>The "ReportAlerts" settings: how many area alerts an account may keep and when the daily digests go out.</summary>
public sealed class ReportAlertOptions
{
    public const string Section = "ReportAlerts";

    /// <summary>Area alerts one account may keep at once.</summary>
    public int MaxSubscriptions { get; set; } = 10;

    /// <summary>When the day's digests go out, Japan time ("07:00"); each subscription gets at most one digest a Japan day.</summary>
    public string DigestAt { get; set; } = "07:00";

    public TimeOnly DigestTime => TimeOnly.ParseExact(DigestAt, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What an area alert watches: a ward, a circle around a point, or a category (in one ward or the whole city).</summary>
public enum AlertArea
{
    Ward,
    Radius,
    Category,
}

/// <summary>What an area alert tells: new reports, changes of public status, or both.</summary>
[Flags]
public enum AlertEvents
{
    NewReports = 1,
    StatusChanges = 2,
    Both = NewReports | StatusChanges,
}

/// <summary>A resident follows one report: its status changes and staff's public answers reach them as they happen.</summary>
public sealed record ReportFollow(long ReportId, long AccountId, DateTimeOffset CreatedUtc);

/// <summary>
/// A resident's area alert. <paramref name="CoveredUntilUtc"/> is how far the digests have looked (events after it are
/// still to tell; a new alert starts at its creation, so it never tells old news); <paramref name="LastDigestDay"/> is
/// the Japan day of the last digest sent.
/// </summary>
public sealed record AlertSubscription(
    long Id,
    long AccountId,
    AlertArea Area,
    string? WardId,
    string? CategoryCode,
    double? Latitude,
    double? Longitude,
    int? RadiusMeters,
    AlertEvents Events,
    DateTimeOffset CreatedUtc,
    DateTimeOffset CoveredUntilUtc,
    DateOnly? LastDigestDay)
{
    public GeoPoint? Centre => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;

    /// <summary>Whether a report at this place, in this ward and category, is inside what the alert watches.</summary>
    public bool Covers(string wardId, string categoryCode, GeoPoint at) => Area switch
    {
        AlertArea.Ward => wardId == WardId,
        AlertArea.Radius => Centre is { } centre && RadiusMeters is { } r && centre.DistanceTo(at) <= r,
        AlertArea.Category => categoryCode == CategoryCode && (WardId is null || wardId == WardId),
        _ => false,
    };
}

/// <summary>What a resident fills in to make an area alert.</summary>
public sealed class AlertInput
{
    public AlertArea Area { get; set; } = AlertArea.Ward;
    public string? WardId { get; set; }
    public string? CategoryCode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int? RadiusMeters { get; set; } = 500;
    public AlertEvents Events { get; set; } = AlertEvents.Both;

    /// <summary>The subscription this input makes, with only the fields its area uses.</summary>
    public AlertSubscription ToSubscription(long accountId, DateTimeOffset now) => Area switch
    {
        AlertArea.Ward => new(0, accountId, Area, WardId, null, null, null, null, Events, now, now, null),
        AlertArea.Radius => new(0, accountId, Area, null, null, Latitude, Longitude, RadiusMeters, Events, now, now, null),
        _ => new(0, accountId, Area, string.IsNullOrWhiteSpace(WardId) ? null : WardId, CategoryCode, null, null, null, Events, now, now, null),
    };
}

public static class AlertKeys
{
    public const string WardRequired = "Alerts_Error_WardRequired";
    public const string CategoryRequired = "Alerts_Error_CategoryRequired";
    public const string PointRequired = "Alerts_Error_PointRequired";
    public const string RadiusNotOffered = "Alerts_Error_Radius";
    public const string EventsRequired = "Alerts_Error_Events";
    public const string TooMany = "Alerts_Error_TooMany";
    public const string UnknownWard = "Alerts_Error_UnknownWard";
    public const string NotFound = "Alerts_Error_NotFound";
}

/// <summary>The shape of an area alert: each area needs its own fields; a circle is one of the offered radii around a point in the city.</summary>
public sealed class AlertInputValidator : AbstractValidator<AlertInput>
{
    /// <summary>The radii residents choose from, in metres.</summary>
    public static readonly IReadOnlyList<int> Radii = [250, 500, 1000, 2000];

    public AlertInputValidator()
    {
        RuleFor(x => x.Events).Must(e => e is AlertEvents.NewReports or AlertEvents.StatusChanges or AlertEvents.Both).WithMessage(AlertKeys.EventsRequired);
        RuleFor(x => x.Area).IsInEnum();
        When(x => x.Area == AlertArea.Ward, () => RuleFor(x => x.WardId).NotEmpty().WithMessage(AlertKeys.WardRequired));
        When(x => x.Area == AlertArea.Category, () => RuleFor(x => x.CategoryCode).NotEmpty().WithMessage(AlertKeys.CategoryRequired));
        When(x => x.Area == AlertArea.Radius, () =>
        {
            RuleFor(x => x.RadiusMeters).Must(r => r is { } m && Radii.Contains(m)).WithMessage(AlertKeys.RadiusNotOffered);
            RuleFor(x => x.Latitude).Must((x, _) => x.Latitude is { } lat && x.Longitude is { } lon && CityArea.Contains(new GeoPoint(lat, lon)))
                .WithMessage(AlertKeys.PointRequired);
        });
    }
}

/// <summary>Something that happened to a published report, as the digests read it.</summary>
/// <param name="FromStatus">For a status change, the state it left; null for a new report.</param>
/// <param name="ToStatus">For a status change, the state it reached; for a new report, Received.</param>
/// <param name="CurrentStatus">Where the report stands now: a report hidden since is told to nobody.</param>
public sealed record ReportEvent(
    long ReportId,
    DateTimeOffset OccurredUtc,
    ReportStatus? FromStatus,
    ReportStatus ToStatus,
    ReportStatus CurrentStatus,
    long? ReporterId,
    string WardId,
    string CategoryCode,
    double Latitude,
    double Longitude)
{
    public bool IsNew => FromStatus is null;

    /// <summary>A change the public sees: the public status moved (received → in progress → fixed or closed).</summary>
    public bool IsPublicChange => FromStatus is { } from && ReportWorkflow.ToPublic(from) != ReportWorkflow.ToPublic(ToStatus)
        && ReportWorkflow.IsPublished(ToStatus);
}

/// <summary>One digest: the reports that are new and those whose public status changed, each once, in report order.</summary>
public sealed record AlertDigest(IReadOnlyList<long> NewReports, IReadOnlyList<long> ChangedReports)
{
    /// <summary>The report numbers a digest lists by name; more are counted, not listed.</summary>
    public const int Listed = 10;
}

/// <summary>
/// The rules of area alerts and follows: when a subscription's digest is due (once a Japan day, from the configured time),
/// what goes in it, and who hears of a change to a followed report.
/// </summary>
public static class AlertRules
{
    /// <summary>
    /// A digest is due from <paramref name="sendAt"/> Japan time on a Japan day the subscription has had none yet. A run
    /// later the same day (another node, a restart) finds nothing due.
    /// </summary>
    public static bool IsDue(AlertSubscription subscription, DateTimeOffset nowUtc, TimeOnly sendAt)
    {
        var japan = JapanTime.ToJapan(nowUtc);
        var today = DateOnly.FromDateTime(japan.DateTime);
        return subscription.LastDigestDay != today && TimeOnly.FromDateTime(japan.DateTime) >= sendAt;
    }

    /// <summary>The Japan day a digest sent at <paramref name="nowUtc"/> counts for.</summary>
    public static DateOnly DayOf(DateTimeOffset nowUtc) => DateOnly.FromDateTime(JapanTime.ToJapan(nowUtc).DateTime);

    /// <summary>
    /// What one subscription's digest says about <paramref name="events"/>: reports inside its area that are public now,
    /// not the resident's own, new ones and public status changes as the subscription asked. A report new in the period is
    /// listed as new only. Null when there is nothing to say: no digest then.
    /// </summary>
    public static AlertDigest? Compose(AlertSubscription subscription, IEnumerable<ReportEvent> events)
    {
        var told = events
            .Where(e => e.OccurredUtc > subscription.CoveredUntilUtc)
            .Where(e => ReportWorkflow.IsPublished(e.CurrentStatus) && e.ReporterId != subscription.AccountId)
            .Where(e => subscription.Covers(e.WardId, e.CategoryCode, new GeoPoint(e.Latitude, e.Longitude)))
            .ToList();
        var fresh = subscription.Events.HasFlag(AlertEvents.NewReports)
            ? told.Where(e => e.IsNew).Select(e => e.ReportId).Distinct().Order().ToList() : new List<long>();
        var changed = subscription.Events.HasFlag(AlertEvents.StatusChanges)
            ? told.Where(e => e.IsPublicChange && !fresh.Contains(e.ReportId)).Select(e => e.ReportId).Distinct().Order().ToList() : new List<long>();
        return fresh.Count + changed.Count == 0 ? null : new AlertDigest(fresh, changed);
    }

    /// <summary>
    /// Who among a report's followers hears of a change as a follower: not its reporter (their own notice tells them), not
    /// anyone who hears of this same change another way (asked "is it fixed?"), and each once.
    /// </summary>
    public static IReadOnlyList<long> FollowersToTell(IEnumerable<long> followers, long? reporterId, IReadOnlyCollection<long> toldOtherwise) =>
        [.. followers.Where(f => f != reporterId && !toldOtherwise.Contains(f)).Distinct()];

    /// <summary>The report numbers of a digest as written in it: "#12, #15" and "+3" past <see cref="AlertDigest.Listed"/>.</summary>
    public static string Numbers(IReadOnlyList<long> reports) =>
        reports.Count == 0 ? "-"
        : string.Join(", ", reports.Take(AlertDigest.Listed).Select(id => "#" + id.ToString(CultureInfo.InvariantCulture)))
          + (reports.Count > AlertDigest.Listed ? string.Create(CultureInfo.InvariantCulture, $" +{reports.Count - AlertDigest.Listed}") : "");
}
