using System.Globalization;
using Portal.Core.Languages;

namespace Portal.Core.Reports.Routing;

/// <summary>
/// A responsible section (担当課・事務所): the office that fixes what a category names in its wards, such as the
/// 中央・美浜土木事務所 for roads in Chuo and Mihama. Its name is a city text; <paramref name="WardId"/> is the ward office
/// it sits with, shown beside its name (null for a city-wide section).
/// </summary>
public sealed record ReportSection(long Id, string Code, LocalizedText Name, string? WardId, bool IsActive);

/// <summary>One line of the routing table: reports of <paramref name="CategoryCode"/> in <paramref name="WardId"/> (null: any ward without a line of its own) go to the section.</summary>
public sealed record ReportRoute(string CategoryCode, string? WardId, long SectionId);

/// <summary>
/// Where a report goes: the section of its category's line for its ward, else the category's city-wide default, else
/// none (the ward office triages it as before).
/// </summary>
public static class RoutingTable
{
    public static long? SectionFor(IEnumerable<ReportRoute> routes, string categoryCode, string wardId)
    {
        long? fallback = null;
        foreach (var route in routes.Where(r => r.CategoryCode == categoryCode))
        {
            if (route.WardId == wardId) return route.SectionId;
            if (route.WardId is null) fallback = route.SectionId;
        }
        return fallback;
    }
}

/// <summary>The kinds of outside body a report may be referred to.</summary>
public enum OutsideBodyKind
{
    /// <summary>The prefecture's road office (千葉県 千葉土木事務所): national and prefectural roads.</summary>
    PrefectureRoadOffice,
    Railway,
    /// <summary>Electricity, gas, water, telephone: their poles, pipes and covers.</summary>
    Utility,
    Police,
    Other,
}

/// <summary>How a referral reaches an outside body.</summary>
public enum ReferralDelivery
{
    Email,
    /// <summary>A JSON POST signed with HMAC-SHA256 (<see cref="WebhookSignature"/>).</summary>
    Webhook,
}

/// <summary>
/// An organisation outside the city that handles what is not the city's (外部機関). Its webhook secret is kept sealed
/// (<see cref="SealedSecret"/>) and never shown back; <see cref="SecretHint"/> is what the admin page may show of it.
/// </summary>
public sealed record OutsideBody(long Id, string Code, LocalizedText Name, OutsideBodyKind Kind, ReferralDelivery Delivery, string? Email,
    string? WebhookUrl, string? SealedSecret, bool IsActive)
{
    /// <summary>Where a referral goes, as the admin page lists it.</summary>
    public string Destination => Delivery == ReferralDelivery.Email ? Email ?? "" : WebhookUrl ?? "";
}

/// <summary>What became of a referral's delivery: the notice outbox's state of the notice that carries it.</summary>
public enum ReferralDeliveryState
{
    Pending,
    Sent,
    /// <summary>Every try failed (or the body refused it for good): staff should contact the body another way.</summary>
    Failed,
}

/// <summary>A report referred to an outside body: by whom, when, with what message, and how its delivery stands.</summary>
public sealed record ReportReferral(long Id, long ReportId, long OutsideBodyId, long ReferredById, DateTimeOffset ReferredUtc, string? Message,
    string NoticeKey, ReferralDeliveryState State = ReferralDeliveryState.Pending, int Attempts = 0, string? LastError = null);

/// <summary>Who handles a report now, as its public page says: the outside body it was referred to, else its section.</summary>
public sealed record ReportHandler(ReportSection? Section, OutsideBody? Body, LocalizedText? SectionWard)
{
    public static ReportHandler None { get; } = new(null, null, null);

    /// <summary>The name Open311's agency_responsible carries, in Japanese.</summary>
    public string? AgencyName => Body is not null ? Languages.RubyText.Plain(Body.Name.Japanese)
        : Section is not null ? Languages.RubyText.Plain(Section.Name.Japanese) : null;
}

public static class RoutingAuditActions
{
    public const string SectionSaved = "report-section.saved";
    public const string SectionEntity = "report-section";
    public const string RouteSaved = "report-route.saved";
    public const string RouteEntity = "report-route";
    public const string BodySaved = "outside-body.saved";
    public const string BodyEntity = "outside-body";
    public const string StaffSectionSet = "account.section-set";
    public const string Rerouted = "report.rerouted";
    public const string Referred = "report.referred";
}

public static class RoutingKeys
{
    public const string CodeRequired = "Routing_Validation_CodeRequired";
    public const string CodeTaken = "Routing_Validation_CodeTaken";
    public const string NameJaRequired = "Routing_Validation_NameJaRequired";
    public const string NameTooLong = "Routing_Validation_NameTooLong";
    public const string EmailInvalid = "Routing_Validation_EmailInvalid";
    public const string UrlInvalid = "Routing_Validation_UrlInvalid";
    public const string SecretRequired = "Routing_Validation_SecretRequired";
    public const string SecretTooShort = "Routing_Validation_SecretTooShort";
    public const string UnknownSection = "Routing_Error_UnknownSection";
    public const string UnknownBody = "Routing_Error_UnknownBody";
    public const string UnknownWard = "Routing_Error_UnknownWard";
    public const string MessageTooLong = "Routing_Validation_MessageTooLong";
    public const string NotStaff = "Routing_Error_NotStaff";
}

/// <summary>The notices a referral sends, and the keys that tie its record to them.</summary>
public static class ReferralNotices
{
    /// <summary>The notice to the outside body about the history line that referred the report.</summary>
    public static string BodyKey(long reportId, long updateId) =>
        string.Create(CultureInfo.InvariantCulture, $"report:{reportId}:update:{updateId}:referral");
}
