using System.Globalization;
using Portal.Core.Languages;
using Portal.Core.Audit;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Core.Points;

public static class PointsAuditActions
{
    public const string ProgrammeSaved = "points.programme-saved";
    public const string EventCreated = "points.event-created";
    public const string EventSaved = "points.event-saved";
    public const string StaffCredit = "points.staff-credit";
    public const string CatalogSaved = "points.catalog-saved";
    public const string AccountSaved = "points.account-saved";
    public const string AdjustmentRequested = "points.adjustment-requested";
    public const string AdjustmentPosted = "points.adjustment-posted";
    public const string AdjustmentRejected = "points.adjustment-rejected";
    public const string LedgerViewed = "points.ledger-viewed";
    public const string IntegrityChecked = "points.integrity-checked";
    public const string Entity = "points";
}

/// <summary>
/// Earning: programmes and events, check-in by the rotating code, credits by staff, and points for accepted
/// civic reports where an admin switched that on. Every credit goes through the programme's caps and a key that
/// names the event, so a second scan, a retry or a second tap pays nothing.
/// </summary>
public sealed class PointsEarningService(
    IPointProgrammeRepository programmes,
    IPointLedger ledger,
    PointsOptions options,
    ICheckInTokens tokens,
    AuditTrail audit,
    TimeProvider time)
{
    public const int UpcomingLimit = 50;

    public Task<IReadOnlyList<PointProgramme>> ProgrammesAsync(CancellationToken ct) => programmes.ProgrammesAsync(ct);

    public Task<PointEventView?> EventAsync(long id, CancellationToken ct) => programmes.EventAsync(id, ct);

    /// <summary>Events that have not ended yet, soonest first.</summary>
    public Task<IReadOnlyList<PointEventView>> UpcomingAsync(CancellationToken ct) => programmes.EventsAsync(time.GetUtcNow(), UpcomingLimit, ct);

    public async Task<CommandResult<PointProgramme>> SaveProgrammeAsync(Actor admin, long? id, ProgrammeInput input, CancellationToken ct)
    {
        var validation = await new ProgrammeInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<PointProgramme>.Fail(validation);
        PointProgramme saved;
        if (id is { } existing)
        {
            await programmes.UpdateProgrammeAsync(existing, input, ct);
            saved = (await programmes.ProgrammeAsync(existing, ct))!;
        }
        else
        {
            var funding = await ledger.OpenAccountAsync(PointAccountKind.Funding, PointProgramme.FundingCode(Guid.NewGuid()), CityTextFields.ToText(input.Name).Japanese, ct);
            saved = await programmes.AddProgrammeAsync(input, funding.Id, time.GetUtcNow(), ct);
        }
        await audit.RecordAsync(admin, PointsAuditActions.ProgrammeSaved, PointsAuditActions.Entity, $"programme:{saved.Id}",
            string.Create(CultureInfo.InvariantCulture, $"points={saved.PointsPerParticipation} daily={saved.DailyCap} yearly={saved.YearlyCap} reports={saved.ReportPoints}"), ct);
        return CommandResult<PointProgramme>.Ok(saved);
    }

    public async Task<CommandResult<PointEvent>> CreateEventAsync(Actor admin, EventInput input, CancellationToken ct)
    {
        var validation = await new EventInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<PointEvent>.Fail(validation);
        if (await programmes.ProgrammeAsync(input.ProgrammeId, ct) is null) return CommandResult<PointEvent>.Fail(nameof(EventInput.ProgrammeId), PointsErrors.ProgrammeRequired);
        var created = await programmes.AddEventAsync(input, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, PointsAuditActions.EventCreated, PointsAuditActions.Entity, $"event:{created.Id}",
            string.Create(CultureInfo.InvariantCulture, $"programme={created.ProgrammeId} start={created.StartUtc:O}"), ct);
        return CommandResult<PointEvent>.Ok(created);
    }

    /// <summary>Changes an event: its title and place in every language, its programme, day and times.</summary>
    public async Task<CommandResult<PointEventView>> UpdateEventAsync(Actor admin, long id, EventInput input, CancellationToken ct)
    {
        var validation = await new EventInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<PointEventView>.Fail(validation);
        if (await programmes.ProgrammeAsync(input.ProgrammeId, ct) is null) return CommandResult<PointEventView>.Fail(nameof(EventInput.ProgrammeId), PointsErrors.ProgrammeRequired);
        await programmes.UpdateEventAsync(id, input, ct);
        var saved = await programmes.EventAsync(id, ct) ?? throw new RuleException(PointsErrors.EventNotFound);
        await audit.RecordAsync(admin, PointsAuditActions.EventSaved, PointsAuditActions.Entity, $"event:{id}",
            string.Create(CultureInfo.InvariantCulture, $"programme={saved.Event.ProgrammeId} start={saved.Event.StartUtc:O} languages={string.Join(',', saved.Event.Title.Languages)}"), ct);
        return CommandResult<PointEventView>.Ok(saved);
    }

    /// <summary>The code staff show now; a new one every <see cref="CheckInCode.RotateEvery"/>.</summary>
    public string CurrentCode(long eventId) => tokens.Issue(eventId, time.GetUtcNow());

    /// <summary>A resident who scanned the code at the event is credited once for it, within the programme's caps.</summary>
    public async Task<(PointEventView Event, LedgerResult Result)> CheckInAsync(long ownerAccountId, string token, CancellationToken ct)
    {
        var eventId = tokens.Read(token, time.GetUtcNow()) ?? throw new RuleException(PointsErrors.CodeExpired);
        var view = await programmes.EventAsync(eventId, ct) ?? throw new RuleException(PointsErrors.EventNotFound);
        return (view, await CreditForEventAsync(view, ownerAccountId, null, ct));
    }

    /// <summary>Staff credit a resident they found by search (someone whose phone could not scan); audited.</summary>
    public async Task<LedgerResult> CreditAttendeeAsync(Actor staff, long eventId, long ownerAccountId, CancellationToken ct)
    {
        var view = await programmes.EventAsync(eventId, ct) ?? throw new RuleException(PointsErrors.EventNotFound);
        var result = await CreditForEventAsync(view, ownerAccountId, staff.AccountId, ct);
        await audit.RecordAsync(staff, PointsAuditActions.StaffCredit, PointsAuditActions.Entity, $"account:{ownerAccountId}",
            string.Create(CultureInfo.InvariantCulture, $"event={eventId} points={view.Programme.PointsPerParticipation} replayed={result.Replayed}"), ct);
        return result;
    }

    /// <summary>
    /// For the reports feature: points for an accepted report, when an admin set report points on a running
    /// programme. Returns null when no programme pays for reports; the key "report:{id}:accepted" pays once.
    /// </summary>
    public async Task<LedgerResult?> CreditForAcceptedReportAsync(long reportId, long ownerAccountId, CancellationToken ct)
    {
        var today = JapanTime.Today(time);
        var programme = (await programmes.ProgrammesAsync(ct)).Where(p => p.ReportPoints is not null && p.IsRunningOn(today)).OrderBy(p => p.Id).FirstOrDefault();
        if (programme is null) return null;
        var key = string.Create(CultureInfo.InvariantCulture, $"report:{reportId}:accepted");
        try
        {
            return await CreditAsync(programme, ownerAccountId, programme.ReportPoints!.Value, key, $"{programme.Name.Japanese} #{reportId}", null, ct);
        }
        catch (RuleException e) when (e.Key is PointsErrors.DailyCapReached or PointsErrors.YearlyCapReached)
        {
            return null;
        }
    }

    private async Task<LedgerResult> CreditForEventAsync(PointEventView view, long ownerAccountId, long? actorId, CancellationToken ct)
    {
        var key = CheckInCode.Key(view.Event.Id, ownerAccountId);
        if (await ledger.TransactionByKeyAsync(key, ct) is null && !view.Event.IsOpenForCheckIn(time.GetUtcNow()))
            throw new RuleException(PointsErrors.EventClosed);
        return await CreditAsync(view.Programme, ownerAccountId, view.Programme.PointsPerParticipation, key, view.Event.Title.Japanese, actorId, ct);
    }

    private async Task<LedgerResult> CreditAsync(PointProgramme programme, long ownerAccountId, long points, string key, string memo, long? actorId, CancellationToken ct)
    {
        if (await ledger.TransactionByKeyAsync(key, ct) is null && !programme.IsRunningOn(JapanTime.Today(time)))
            throw new RuleException(PointsErrors.ProgrammeNotRunning);
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        var request = new LedgerRequest(key, PointTransactionKind.Earn,
            [new PostingLine(programme.FundingAccountId, -points), new PostingLine(walletId, points)], memo, actorId);
        return await programmes.CreditWithinCapsAsync(programme, walletId, points, request, options.Expiry, time.GetUtcNow(), ct);
    }
}

/// <summary>Credits the reporter of an accepted civic report, when a running programme pays for reports.</summary>
public sealed class ReportPointsListener(PointsEarningService earning) : Reports.IReportAcceptedListener
{
    public async Task ReportAcceptedAsync(Reports.Report report, CancellationToken ct)
    {
        if (report.ReporterId is not { } reporter) return;
        try
        {
            await earning.CreditForAcceptedReportAsync(report.Id, reporter, ct);
        }
        catch (RuleException)
        {
            // A closed funding account or similar: the report stays accepted; the integrity of points is unaffected.
        }
    }
}
