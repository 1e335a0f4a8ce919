using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Queues;
using Portal.Core.Reports;

namespace Portal.Core.Home;

/// <summary>
/// What a resident can spend now, and how much of it lapses within <paramref name="HorizonDays"/> days (the
/// reminder period): <paramref name="FirstExpiryDay"/> is the first Japan day on which some of it lapses.
/// </summary>
public sealed record PointsGlance(long Spendable, long ExpiringSoon, DateOnly? FirstExpiryDay, int HorizonDays);

/// <summary>
/// A signed-in resident's home at a glance: each part read on its own, from its own service's repository in one
/// query, so that a page can show each as soon as it arrives and a part that fails leaves the others standing.
/// Every method takes the signed-in resident's own account id; none reads anyone else's data.
/// </summary>
public sealed class ResidentHomeService(
    IPointLedger ledger,
    PointsOptions points,
    IReportRepository reports,
    TicketService tickets,
    IEligibilityResults eligibility,
    INoticeInbox inbox,
    TimeProvider time)
{
    /// <summary>The open reports listed by name; the card counts the rest.</summary>
    public const int ReportsShown = 3;

    /// <summary>A "may be eligible" result counts as new for this long after the nightly run first found it.</summary>
    public const int NewBenefitDays = 30;

    /// <summary>The new benefits listed by name; the card counts the rest.</summary>
    public const int BenefitsShown = 3;

    /// <summary>Spendable points and those lapsing within the reminder period (<see cref="PointsOptions.ReminderDays"/>).</summary>
    public async Task<PointsGlance> PointsAsync(long accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lots = await ledger.SpendableByExpiryAsync(accountId, now, ct);
        var horizon = now.AddDays(points.ReminderDays);
        var soon = lots.Where(l => l.ExpiresUtc <= horizon).ToList();
        return new PointsGlance(
            lots.Sum(l => l.Points),
            soon.Sum(l => l.Points),
            soon.Count == 0 ? null : soon.Min(l => ExpiryPolicy.LastDayOf(l.ExpiresUtc)),
            points.ReminderDays);
    }

    public Task<OpenReportsGlance> OpenReportsAsync(long accountId, CancellationToken ct) =>
        reports.OpenOfReporterAsync(accountId, [.. ReportWorkflow.OpenStatuses], ReportsShown, ct);

    /// <summary>The resident's active ticket of today (one they asked to be told about while signed in), or null.</summary>
    public Task<AccountTicket?> TicketAsync(long accountId, CancellationToken ct) => tickets.ActiveOfAccountAsync(accountId, ct);

    public async Task<ForYouGlance> ForYouAsync(long accountId, CancellationToken ct)
    {
        var glance = await eligibility.GlanceAsync(accountId, time.GetUtcNow().AddDays(-NewBenefitDays), ct);
        // Results are kept only with consent; should one be left over, the card shows nothing the resident has not allowed.
        return glance.Ready ? glance : glance with { NewBenefits = [] };
    }

    public Task<int> UnreadNoticesAsync(long accountId, CancellationToken ct) => inbox.CountUnreadAsync(accountId, ct);
}
