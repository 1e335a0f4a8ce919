using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Reports;

namespace Portal.Core.Support;

/// <summary>Why a part of a resident's record is or is not shown to the member of staff who opened it.</summary>
public enum SectionAccess
{
    Shown,
    /// <summary>The resident has not given the consent the section depends on.</summary>
    NoConsent,
    /// <summary>The viewer's role may not see the section.</summary>
    NotForRole,
    /// <summary>The portal keeps no link between the section's records and the account.</summary>
    NotLinked,
}

public sealed record SupportSections(SectionAccess Reports, SectionAccess Points, SectionAccess Tickets, SectionAccess ForYou);

/// <summary>
/// Who may see what of a resident when helping them. Staff and admins see reports and points. Queue tickets
/// are never shown: a ticket carries no account. The For You notices reveal what the register says about a
/// household, so only admins see them, and only while the resident consents to the register's use.
/// </summary>
public static class ResidentSupportRules
{
    public const int MinReasonLength = 5;
    public const int MaxReasonLength = 200;

    /// <summary>The reason, trimmed, when it is acceptable; null when it is missing, too short or too long.</summary>
    public static string? CleanReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length is >= MinReasonLength and <= MaxReasonLength ? trimmed : null;
    }

    public static bool MayOpen(Role viewer) => viewer is Role.Staff or Role.Admin;

    public static SupportSections Sections(Role viewer, bool registerConsent)
    {
        if (!MayOpen(viewer))
            return new(SectionAccess.NotForRole, SectionAccess.NotForRole, SectionAccess.NotForRole, SectionAccess.NotForRole);
        var forYou = viewer != Role.Admin ? SectionAccess.NotForRole
            : registerConsent ? SectionAccess.Shown : SectionAccess.NoConsent;
        return new(SectionAccess.Shown, SectionAccess.Shown, SectionAccess.NotLinked, forYou);
    }
}

public static class SupportAuditActions
{
    public const string Opened = "resident.opened";
    public const string Entity = "resident";
}

public enum SupportRefusal { None, NotAllowed, ReasonRequired, NotAResident }

/// <summary>What staff see of one resident after stating why; sections they may not see are empty.</summary>
public sealed record ResidentSupportView(
    UserAccount Resident,
    SupportSections Sections,
    IReadOnlyList<Report> Reports,
    long? PointBalance,
    IReadOnlyList<WalletHistoryEntry> PointHistory,
    IReadOnlyList<InboxNotice> BenefitNotices);

public sealed record SupportOpening(SupportRefusal Refusal, ResidentSupportView? View)
{
    public static SupportOpening Refused(SupportRefusal refusal) => new(refusal, null);
}

/// <summary>The resident support view: find a resident, open their record with a stated reason (audited).</summary>
public sealed class ResidentSupportService(
    IUserAccountRepository accounts,
    IReportRepository reports,
    PointsLedgerService points,
    IPointLedger ledger,
    IConsentStore consents,
    INoticeInbox inbox,
    AuditTrail audit)
{
    public const int RecentPoints = 10;
    public const int RecentNotices = 20;

    public async Task<IReadOnlyList<UserAccount>> SearchAsync(string? text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) ? [] : await accounts.SearchAsync(new AccountQuery(text.Trim(), Role.Resident, Take: 20), ct);

    /// <summary>Opens a resident's record: refused, with nothing read or recorded, without a valid reason; otherwise audited.</summary>
    public async Task<SupportOpening> OpenAsync(Actor staff, long residentId, string? reason, CancellationToken ct)
    {
        if (!Enum.TryParse<Role>(staff.Role, out var role) || !ResidentSupportRules.MayOpen(role))
            return SupportOpening.Refused(SupportRefusal.NotAllowed);
        var cleaned = ResidentSupportRules.CleanReason(reason);
        if (cleaned is null) return SupportOpening.Refused(SupportRefusal.ReasonRequired);
        var resident = await accounts.GetByIdAsync(residentId, ct);
        if (resident is not { Role: Role.Resident }) return SupportOpening.Refused(SupportRefusal.NotAResident);

        await audit.RecordAsync(staff, SupportAuditActions.Opened, SupportAuditActions.Entity, resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cleaned, ct);

        var registerConsent = (await consents.CurrentAsync(resident.Id, ct)).Any(c => c.Purpose == ConsentPurpose.Register);
        var sections = ResidentSupportRules.Sections(role, registerConsent);
        var reported = sections.Reports == SectionAccess.Shown ? await reports.ListByReporterAsync(resident.Id, ct) : [];
        long? balance = null;
        IReadOnlyList<WalletHistoryEntry> history = [];
        if (sections.Points == SectionAccess.Shown)
        {
            var summary = await points.SummaryAsync(resident.Id, ct);
            balance = summary.Spendable;
            history = await ledger.HistoryAsync(summary.Wallet.Id, new WalletHistoryQuery(Take: RecentPoints), ct);
        }
        IReadOnlyList<InboxNotice> notices = sections.ForYou == SectionAccess.Shown
            ? [.. (await inbox.ListAsync(resident.Id, 0, 200, ct)).Where(n => n.Kind == NoticeKind.BenefitNewlyEligible).Take(RecentNotices)]
            : [];
        return new(SupportRefusal.None, new(resident, sections, reported, balance, history, notices));
    }
}
