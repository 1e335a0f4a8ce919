using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Points;

/// <summary>Earning, spending and the back office through their services, on the real database.</summary>
public sealed class PointsServicesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(PointProgramme Programme, PointEvent Event)> ProgrammeAsync(LedgerWorld world, long points = 50, long daily = 100, long yearly = 5000,
        long? reportPoints = null, int eventDayOffset = 0)
    {
        var admin = await world.StaffAsync();
        var programme = (await world.Earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of("ビーチクリーン"), Kind = ProgrammeKind.Volunteer, PointsPerParticipation = points, DailyCap = daily, YearlyCap = yearly,
            StartsOn = new DateTime(2026, 4, 1), EndsOn = new DateTime(2027, 3, 31), ReportPoints = reportPoints,
        }, Ct)).Value!;
        var created = (await world.Earning.CreateEventAsync(admin, new EventInput
        {
            ProgrammeId = programme.Id, Title = JapaneseFields.Of("稲毛海浜公園 清掃"), Place = JapaneseFields.Of("稲毛海浜公園"),
            Day = new DateTime(2026, 11, 25).AddDays(eventDayOffset), StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(14, 0, 0),
        }, Ct)).Value!;
        return (programme, created);
    }

    [Fact]
    public async Task A_refused_programme_or_event_is_returned_with_its_reasons_and_nothing_is_saved()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.StaffAsync();

        var programme = await world.Earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of("ビーチクリーン"), PointsPerParticipation = 0, DailyCap = 100, YearlyCap = 5000,
            StartsOn = new DateTime(2026, 4, 1), EndsOn = new DateTime(2027, 3, 31),
        }, Ct);
        var ev = await world.Earning.CreateEventAsync(admin, new EventInput
        {
            ProgrammeId = 987654, Title = JapaneseFields.Of("清掃"), Place = JapaneseFields.Of("公園"),
            Day = new DateTime(2026, 11, 25), StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(14, 0, 0),
        }, Ct);

        Assert.Equal((false, null), (programme.Succeeded, programme.Value));
        Assert.Equal(PointsErrors.PointsRange, Assert.Single(programme.Errors).ErrorMessage);
        Assert.Equal((nameof(EventInput.ProgrammeId), PointsErrors.ProgrammeRequired), (Assert.Single(ev.Errors).PropertyName, ev.Errors[0].ErrorMessage));
        Assert.Empty(await world.Earning.ProgrammesAsync(Ct));
    }

    [Fact]
    public async Task A_resident_who_scans_the_code_is_credited_once_per_event()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (_, ev) = await ProgrammeAsync(world);                       // 10:00-14:00 Japan on 25 Nov; the clock is 12:00 Japan
        var resident = await world.ResidentAsync();

        var first = await world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(ev.Id), Ct);
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(ev.Id), Ct);

        Assert.False(first.Result.Replayed);
        Assert.True(second.Result.Replayed);
        Assert.Equal($"checkin:{ev.Id}:{resident}", first.Result.Transaction.IdempotencyKey);
        Assert.Equal(50, await world.BalanceAsync(resident));
    }

    [Fact]
    public async Task A_code_older_than_a_minute_or_altered_does_not_check_in()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (_, ev) = await ProgrammeAsync(world);
        var resident = await world.ResidentAsync();
        var code = world.Earning.CurrentCode(ev.Id);

        world.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(PointsErrors.CodeExpired, (await Assert.ThrowsAsync<RuleException>(() => world.Earning.CheckInAsync(resident, code, Ct))).Key);
        var altered = world.Earning.CurrentCode(ev.Id);
        altered = altered[..^3] + (altered[^3] == 'A' ? 'B' : 'A') + altered[^2..];
        Assert.Equal(PointsErrors.CodeExpired, (await Assert.ThrowsAsync<RuleException>(() => world.Earning.CheckInAsync(resident, altered, Ct))).Key);
        Assert.Equal(PointsErrors.CodeExpired, (await Assert.ThrowsAsync<RuleException>(() => world.Earning.CheckInAsync(resident, "not-a-code", Ct))).Key);
        Assert.Equal(0, await world.BalanceAsync(resident));
    }

    [Fact]
    public async Task Check_in_is_refused_outside_the_event_and_past_the_programme_caps()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (programme, today) = await ProgrammeAsync(world, points: 60, daily: 100, yearly: 150);
        var admin = await world.StaffAsync();
        EventInput Another(int days) => new()
        {
            ProgrammeId = programme.Id, Title = JapaneseFields.Of("別の清掃"), Place = JapaneseFields.Of("検見川の浜"), Day = new DateTime(2026, 11, 25).AddDays(days),
            StartTime = new TimeSpan(11, 0, 0), EndTime = new TimeSpan(13, 0, 0),
        };
        var sameDay = (await world.Earning.CreateEventAsync(admin, Another(0), Ct)).Value!;
        var nextDay = (await world.Earning.CreateEventAsync(admin, Another(1), Ct)).Value!;
        var dayAfter = (await world.Earning.CreateEventAsync(admin, Another(2), Ct)).Value!;
        var resident = await world.ResidentAsync();

        Assert.Equal(PointsErrors.EventClosed, (await Assert.ThrowsAsync<RuleException>(
            () => world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(nextDay.Id), Ct))).Key);
        await world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(today.Id), Ct);
        Assert.Equal(PointsErrors.DailyCapReached, (await Assert.ThrowsAsync<RuleException>(
            () => world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(sameDay.Id), Ct))).Key);
        world.Clock.Advance(TimeSpan.FromDays(1));
        await world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(nextDay.Id), Ct);
        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(PointsErrors.YearlyCapReached, (await Assert.ThrowsAsync<RuleException>(
            () => world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(dayAfter.Id), Ct))).Key);
        Assert.Equal(120, await world.BalanceAsync(resident));
    }

    [Fact]
    public async Task Staff_credit_a_resident_found_by_search_once_and_the_act_is_audited()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (_, ev) = await ProgrammeAsync(world);
        var resident = await world.ResidentAsync();
        var staff = await world.StaffAsync(Portal.Core.Accounts.Role.Staff);

        await world.Earning.CreditAttendeeAsync(staff, ev.Id, resident, Ct);
        var scanned = await world.Earning.CheckInAsync(resident, world.Earning.CurrentCode(ev.Id), Ct);

        Assert.True(scanned.Result.Replayed);
        Assert.Equal(50, await world.BalanceAsync(resident));
        Assert.Equal(1, await world.AuditCountAsync(PointsAuditActions.StaffCredit));
    }

    [Fact]
    public async Task Accepted_reports_earn_points_only_where_an_admin_switched_it_on_and_only_once()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var resident = await world.ResidentAsync();
        var (programme, _) = await ProgrammeAsync(world);

        Assert.Null(await world.Earning.CreditForAcceptedReportAsync(45, resident, Ct));
        var input = ProgrammeInput.From(programme);
        input.ReportPoints = 30;
        Assert.True((await world.Earning.SaveProgrammeAsync(await world.StaffAsync(), programme.Id, input, Ct)).Succeeded);
        var credited = await world.Earning.CreditForAcceptedReportAsync(45, resident, Ct);
        var again = await world.Earning.CreditForAcceptedReportAsync(45, resident, Ct);

        Assert.False(credited!.Replayed);
        Assert.True(again!.Replayed);
        Assert.Equal(30, await world.BalanceAsync(resident));
    }

    private static async Task<CatalogItem> ItemAsync(LedgerWorld world, long price = 500, long? stock = 10, long limit = 2)
    {
        var admin = await world.StaffAsync();
        return (await world.Shop.SaveItemAsync(admin, null, new CatalogItemInput
        {
            Name = JapaneseFields.Of("千葉市動物公園 入園券"), Description = JapaneseFields.Of("大人1名"), Kind = CatalogItemKind.FacilityTicket, Price = price, Stock = stock, PerPersonLimit = limit,
            PartnerAccountId = world.Partner.Id,
        }, Ct)).Value!;
    }

    [Fact]
    public async Task A_redemption_issues_a_voucher_takes_stock_and_a_retry_gives_the_same_voucher()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var item = await ItemAsync(world);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 1200);

        var voucher = await world.Shop.RedeemAsync(resident, item.Id, "tap-1", Ct);
        var retry = await world.Shop.RedeemAsync(resident, item.Id, "tap-1", Ct);

        Assert.Equal(voucher.Id, retry.Id);
        Assert.Equal(voucher.Code, retry.Code);
        Assert.Matches("^[2-9A-HJKMNP-Z]{16}$", voucher.Code);
        Assert.Equal(700, await world.BalanceAsync(resident));
        Assert.Equal(9, (await world.Shop.CatalogueAsync(false, Ct)).Single().Stock);
        await world.Shop.RedeemAsync(resident, item.Id, "tap-2", Ct);
        Assert.Equal(PointsErrors.PerPersonLimit, (await Assert.ThrowsAsync<RuleException>(() => world.Shop.RedeemAsync(resident, item.Id, "tap-3", Ct))).Key);
    }

    [Fact]
    public async Task Many_residents_at_once_get_no_more_vouchers_than_the_stock()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var item = await ItemAsync(world, price: 100, stock: 5, limit: 1);
        var residents = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var resident = await world.ResidentAsync();
            await world.EarnAsync(resident, 100);
            residents.Add(resident);
        }

        var outcomes = await Task.WhenAll(residents.Select(r => Task.Run(async () =>
        {
            try { await world.Shop.RedeemAsync(r, item.Id, "go", Ct); return true; }
            catch (RuleException e) when (e.Key == PointsErrors.OutOfStock) { return false; }
        }, Ct)));

        Assert.Equal(5, outcomes.Count(o => o));
        Assert.Equal(0, (await world.Shop.CatalogueAsync(false, Ct)).Single().Stock);
        Assert.Equal(500, (await world.Ledger.AccountAsync(world.Partner.Id, Ct))!.Balance);
    }

    [Fact]
    public async Task An_unused_voucher_can_be_cancelled_within_fourteen_days_by_a_reversal()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var item = await ItemAsync(world);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 1000);
        var kept = await world.Shop.RedeemAsync(resident, item.Id, "a", Ct);
        var returned = await world.Shop.RedeemAsync(resident, item.Id, "b", Ct);

        world.Clock.Advance(TimeSpan.FromDays(14));
        var cancelled = await world.Shop.CancelAsync(resident, returned.Id, Ct);
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(PointsErrors.CancellationPeriodOver, (await Assert.ThrowsAsync<RuleException>(() => world.Shop.CancelAsync(resident, kept.Id, Ct))).Key);
        Assert.Equal(PointsErrors.VoucherCancelled, (await Assert.ThrowsAsync<RuleException>(() => world.Shop.CancelAsync(resident, returned.Id, Ct))).Key);
        var reversal = await world.Ledger.TransactionAsync(cancelled.CancelTransactionId!.Value, Ct);
        Assert.Equal(returned.TransactionId, reversal!.ReversesId);
        Assert.Equal(500, await world.BalanceAsync(resident));
        Assert.Equal(9, (await world.Shop.CatalogueAsync(false, Ct)).Single().Stock);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Fact]
    public async Task A_donation_moves_points_to_the_non_profit_and_only_the_donor_sees_its_receipt()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.StaffAsync();
        var npo = (await world.Shop.SaveAccountAsync(admin, PointAccountKind.NonProfit, null, new PointOrganisationInput { Name = JapaneseFields.Of("NPO法人 ちば里山トラスト") }, Ct)).Value!;
        var donor = await world.ResidentAsync();
        var other = await world.ResidentAsync();
        await world.EarnAsync(donor, 300);

        var gift = await world.Shop.DonateAsync(donor, npo.Id, 200, "g1", Ct);
        await world.Shop.DonateAsync(donor, npo.Id, 200, "g1", Ct);

        var receipt = await world.Shop.DonationReceiptAsync(donor, gift.Transaction.Id, Ct);
        Assert.Equal((npo.Id, 200L), (receipt!.Value.NonProfit.Id, receipt.Value.Points));
        Assert.Null(await world.Shop.DonationReceiptAsync(other, gift.Transaction.Id, Ct));
        Assert.Equal(100, await world.BalanceAsync(donor));
        Assert.True((await world.Shop.SaveAccountAsync(admin, PointAccountKind.NonProfit, npo.Id, new PointOrganisationInput { Name = JapaneseFields.Of(npo.Name), IsActive = false }, Ct)).Succeeded);
        Assert.Empty(await world.Shop.NonProfitsAsync(false, Ct));
        Assert.Equal(PointsErrors.AccountClosed, (await Assert.ThrowsAsync<RuleException>(() => world.Shop.DonateAsync(donor, npo.Id, 10, "g2", Ct))).Key);
    }

    [Fact]
    public async Task A_large_adjustment_waits_for_a_second_admin_and_the_requester_cannot_approve_it()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var first = await world.StaffAsync();
        var second = await world.StaffAsync();
        var resident = await world.ResidentAsync();

        var small = await world.BackOffice.RequestAdjustmentAsync(first, resident, 1000, "イベント記録漏れ", Ct);
        var large = await world.BackOffice.RequestAdjustmentAsync(first, resident, 1001, "大会の付与漏れ", Ct);

        Assert.Equal(AdjustmentStatus.Posted, small.Status);
        Assert.Equal(AdjustmentStatus.Pending, large.Status);
        Assert.Equal(1000, await world.BalanceAsync(resident));
        Assert.Equal(PointsErrors.OwnApproval, (await Assert.ThrowsAsync<RuleException>(() => world.BackOffice.ApproveAsync(first, large.Id, Ct))).Key);
        var approved = await world.BackOffice.ApproveAsync(second, large.Id, Ct);
        Assert.Equal((AdjustmentStatus.Posted, second.AccountId), (approved.Status, approved.DecidedById));
        Assert.Equal(PointsErrors.AdjustmentDecided, (await Assert.ThrowsAsync<RuleException>(() => world.BackOffice.ApproveAsync(second, large.Id, Ct))).Key);
        Assert.Equal(2001, await world.BalanceAsync(resident));

        var minus = await world.BackOffice.RequestAdjustmentAsync(first, resident, -2500, "二重付与の取消", Ct);
        await world.BackOffice.RejectAsync(second, minus.Id, Ct);
        Assert.Equal(2001, await world.BalanceAsync(resident));
        Assert.Equal(1, await world.AuditCountAsync(PointsAuditActions.AdjustmentRejected));
    }

    [Fact]
    public async Task Viewing_a_residents_ledger_is_audited_and_monthly_totals_add_up()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.StaffAsync();
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 500);
        await world.SpendAsync(resident, 200);
        world.Clock.Advance(TimeSpan.FromDays(10));                       // December in Japan
        await world.EarnAsync(resident, 100);

        var (summary, history) = await world.BackOffice.ResidentLedgerAsync(admin, resident, recordView: true, Ct);
        var months = await world.BackOffice.MonthlyTotalsAsync(Ct);

        Assert.Equal(400, summary.Spendable);
        Assert.Equal([100L, -200L, 500L], history.Select(h => h.Amount));
        var redeemed = await world.Ledger.HistoryAsync(summary.Wallet.Id, new WalletHistoryQuery(Kind: PointTransactionKind.Redeem), Ct);
        Assert.Equal((-200L, world.Partner.Name), (Assert.Single(redeemed).Amount, redeemed[0].CounterpartyName));
        Assert.Single(await world.Ledger.HistoryAsync(summary.Wallet.Id, new WalletHistoryQuery(FromUtc: LedgerWorld.Start.AddDays(5)), Ct));
        Assert.Equal(1, await world.AuditCountAsync(PointsAuditActions.LedgerViewed));
        Assert.Equal([new PointsMonth("2026-11", 500, 200, 0, 0, 0, 300), new PointsMonth("2026-12", 100, 0, 0, 0, 0, 400)], months);
    }
}

/// <summary>Accepting a report through the reports service credits its reporter once, where a programme pays for reports.</summary>
public sealed class ReportAcceptancePointsTests
{
    [Fact]
    public async Task Staff_accepting_a_report_credits_the_reporter_once()
    {
        using var world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        var admin = await world.StaffAsync();
        Assert.True((await world.Earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of("ちばレポ協力"), Kind = ProgrammeKind.City, PointsPerParticipation = 10, DailyCap = 100, YearlyCap = 1000,
            StartsOn = new DateTime(2026, 4, 1), EndsOn = new DateTime(2027, 3, 31), ReportPoints = 20,
        }, ct)).Succeeded);
        var reporter = await world.ResidentAsync();
        var staff = await world.StaffAsync(Portal.Core.Accounts.Role.Staff);
        var reportRepository = new Portal.Data.Reports.ReportRepository(world.Db);
        var report = await reportRepository.SubmitAsync(Portal.Core.Reports.Report.Submit(Guid.NewGuid().ToString("N"), reporter, null, null,
            Portal.Core.Reports.ReportKind.Problem, "other-graffiti", "滑り台に落書き", Reports.ReportTests.Chiba, "chuo", "web", LedgerWorld.Start), [], ct);
        var offices = await new Portal.Data.Offices.OfficeRepository(world.Db).ListAsync(ct);
        var service = new Portal.Core.Reports.ReportService(reportRepository, new Portal.Data.Reports.ReportCategoryRepository(world.Db),
            new Portal.Core.Geography.NearestOfficeLocator(offices), new Portal.Core.Reports.DuplicateFinder(reportRepository), world.Audit, world.Clock,
            new Portal.Core.Accounts.StaffScopes(new Portal.Data.Accounts.UserAccountRepository(world.Db)), acceptedListeners: [new ReportPointsListener(world.Earning)]);

        var accepted = await service.MoveAsync(staff, report.Id, Portal.Core.Reports.ReportStatus.Accepted, "受け付けました", null, null, ct);
        await service.MoveAsync(staff, report.Id, Portal.Core.Reports.ReportStatus.Hidden, null, "誤り", null, ct);
        await service.MoveAsync(staff, report.Id, Portal.Core.Reports.ReportStatus.Accepted, "受け付けました", null, null, ct);

        Assert.True(accepted.Succeeded);
        Assert.Equal(20, await world.BalanceAsync(reporter));
        Assert.NotNull(await world.Ledger.TransactionByKeyAsync($"report:{report.Id}:accepted", ct));
    }
}
