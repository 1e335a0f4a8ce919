namespace Portal.Core.Reports.Routing;

/// <summary>Sections, the routing table, outside bodies, referrals, a report's section and the staff's sections.</summary>
public interface IReportRoutingRepository
{
    Task<IReadOnlyList<ReportSection>> SectionsAsync(CancellationToken ct);

    /// <summary>ReportSection_Save: adds the section (Id 0) or changes it; returns its id. False code clash: null.</summary>
    Task<long?> SaveSectionAsync(ReportSection section, CancellationToken ct);

    Task<IReadOnlyList<ReportRoute>> RoutesAsync(CancellationToken ct);

    /// <summary>ReportRoute_Set: the section for a category in a ward (null: the city-wide default); a null section removes the line.</summary>
    Task SetRouteAsync(string categoryCode, string? wardId, long? sectionId, CancellationToken ct);

    Task<IReadOnlyList<OutsideBody>> BodiesAsync(CancellationToken ct);

    Task<OutsideBody?> BodyAsync(long id, CancellationToken ct);

    /// <summary>OutsideBody_Save: adds (Id 0) or changes; a null sealed secret keeps the one stored. Null on a code clash.</summary>
    Task<long?> SaveBodyAsync(OutsideBody body, CancellationToken ct);

    /// <summary>Report_ReadSection: the section the report is routed to.</summary>
    Task<long?> SectionOfAsync(long reportId, CancellationToken ct);

    /// <summary>Report_SetSection: routes the report as its category and ward say, with no history line (it came in, or moved).</summary>
    Task SetSectionAsync(long reportId, long? sectionId, CancellationToken ct);

    /// <summary>Report_Reroute: staff route the report to another section; the section, the report's change time and the history line in one transaction.</summary>
    Task RerouteAsync(Report report, long? sectionId, ReportUpdate update, CancellationToken ct);

    /// <summary>ReportReferral_Add: records a referral; its id.</summary>
    Task<long> AddReferralAsync(ReportReferral referral, CancellationToken ct);

    /// <summary>ReportReferral_Read: the report's referrals, newest first, each with the outbox state of the notice that carries it.</summary>
    Task<IReadOnlyList<ReportReferral>> ReferralsAsync(long reportId, CancellationToken ct);

    /// <summary>
    /// ReportHandler_ReadMany: for each report that has one, the name of who handles it now: the outside body of its latest
    /// referral while it is referred, else its section.
    /// </summary>
    Task<IReadOnlyDictionary<long, Languages.LocalizedText>> HandlerNamesAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct);

    Task<long?> StaffSectionAsync(long accountId, CancellationToken ct);

    /// <summary>StaffSection_Set: the section a staff account belongs to (null: none).</summary>
    Task SetStaffSectionAsync(long accountId, long? sectionId, CancellationToken ct);

    /// <summary>StaffSection_ReadAll: every staff account's section, for the accounts page.</summary>
    Task<IReadOnlyDictionary<long, long>> StaffSectionsAsync(CancellationToken ct);
}
