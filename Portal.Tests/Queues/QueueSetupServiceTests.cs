using Portal.Core.Audit;
using Portal.Core.Queues;
using Portal.Data.Database;

namespace Portal.Tests.Queues;

/// <summary>
/// The admins' queue set-up through its service on a real database: each change saved, audited with the admin who
/// made it and signalled to the office's pages; a refused change writes nothing and is not audited.
/// </summary>
public sealed class QueueSetupServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Actor Admin = new(41, "queue-admin@city.chiba.jp", "Admin", "192.0.2.41");

    private static async Task<AuditEntry> AuditedAsync(QueueWorld world, string action) =>
        Assert.Single(await world.AuditLog.SearchAsync(new AuditQuery(Action: action), Ct));

    [Fact]
    public async Task A_new_service_is_saved_audited_and_signalled_and_a_taken_prefix_or_code_is_refused_unaudited()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var input = new OfficeServiceInput { Code = "Tax", Prefix = "b", Minutes = 7, Name = { ["ja"] = "税証明" } };

        var refused = await world.SetupService.SaveServiceAsync(Admin, world.OfficeId, input, Ct);
        Assert.Equal(QueueSetupKeys.Taken, Assert.Single(refused.Errors).ErrorMessage);
        input.Prefix = "t";
        input.Code = "certificates";
        Assert.Equal(QueueSetupKeys.Taken, Assert.Single((await world.SetupService.SaveServiceAsync(Admin, world.OfficeId, input, Ct)).Errors).ErrorMessage);
        Assert.Empty(await world.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.ServiceSaved), Ct));

        input.Code = "Tax";
        world.Signals.Sent.Clear();
        Assert.Empty((await world.SetupService.SaveServiceAsync(Admin, world.OfficeId, input, Ct)).Errors);

        var tax = (await world.Setup.ListServicesAsync(world.OfficeId, Ct)).Single(s => s.Code == "tax");
        Assert.Equal(('T', 7), (tax.Prefix, tax.DefaultServiceMinutes));
        var entry = await AuditedAsync(world, QueueSetupAudit.ServiceSaved);
        Assert.Equal((Admin.AccountId, Admin.IpAddress, QueueSetupAudit.ServiceEntity, tax.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (entry.ActorId, entry.IpAddress, entry.EntityType, entry.EntityId));
        Assert.StartsWith("added office=chuo code=tax prefix=T minutes=7", entry.Detail);
        Assert.Contains(world.Signals.Sent, s => s.Office == world.OfficeId);
    }

    [Fact]
    public async Task A_counter_change_is_audited()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var input = CounterInput.From(world.Counters[0]);
        input.Active = false;

        Assert.Empty((await world.SetupService.SaveCounterAsync(Admin, world.OfficeId, input, Ct)).Errors);

        Assert.False((await world.Setup.GetCounterAsync(world.Counters[0].Id, Ct))!.Active);
        var entry = await AuditedAsync(world, QueueSetupAudit.CounterSaved);
        Assert.Equal((QueueSetupAudit.CounterEntity, world.Counters[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.EntityType, entry.EntityId));
        Assert.StartsWith("changed office=chuo name=1番窓口", entry.Detail);
        Assert.EndsWith("active=False", entry.Detail);
    }

    [Fact]
    public async Task Settings_are_saved_and_audited_and_out_of_range_ones_are_refused_unaudited()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);

        Assert.NotEmpty((await world.SetupService.SaveSettingsAsync(Admin, world.OfficeId, new QueueSettingsInput { NoticeThreshold = 0 }, Ct)).Errors);
        Assert.Equal(OfficeQueueSettings.Default(world.OfficeId), await world.Setup.GetSettingsAsync(world.OfficeId, Ct));
        Assert.Empty(await world.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.SettingsSaved), Ct));

        Assert.Empty((await world.SetupService.SaveSettingsAsync(Admin, world.OfficeId,
            new QueueSettingsInput { NoticeThreshold = 5, RecallsBeforeNoShow = 1, BoardLanguages = ["ja", "vi"] }, Ct)).Errors);
        var saved = await world.Setup.GetSettingsAsync(world.OfficeId, Ct);
        Assert.Equal((5, 1), (saved.NoticeThreshold, saved.RecallsBeforeNoShow));
        Assert.Equal(["ja", "vi"], saved.BoardLanguages!);
        var entry = await AuditedAsync(world, QueueSetupAudit.SettingsSaved);
        Assert.Equal((QueueSetupAudit.OfficeEntity, "chuo", "threshold=5 recalls=1 board=ja,vi"), (entry.EntityType, entry.EntityId, entry.Detail));
    }

    [Fact]
    public async Task The_week_s_hours_are_replaced_and_audited_and_a_day_closing_before_it_opens_changes_nothing()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var before = await world.Setup.ListHoursAsync(world.OfficeId, Ct);
        var week = DayHoursInput.Week(BusinessCalendar.StandardHours);
        week[0].Closes = "08:00";

        Assert.Equal(QueueSetupKeys.InvalidHours, Assert.Single((await world.SetupService.SaveHoursAsync(Admin, world.OfficeId, week, Ct)).Errors).ErrorMessage);
        Assert.Equal(before, await world.Setup.ListHoursAsync(world.OfficeId, Ct));
        Assert.Empty(await world.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.HoursSaved), Ct));

        week[0].Closes = "12:00";
        week[5] = new DayHoursInput { Day = DayOfWeek.Saturday, Open = true, Opens = "09:00", Closes = "12:30" };
        Assert.Empty((await world.SetupService.SaveHoursAsync(Admin, world.OfficeId, week, Ct)).Errors);

        var hours = await world.Setup.ListHoursAsync(world.OfficeId, Ct);
        Assert.Equal(6, hours.Count);
        Assert.Contains(new OpeningHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), hours);
        Assert.Contains(new OpeningHours(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(12, 30)), hours);
        var entry = await AuditedAsync(world, QueueSetupAudit.HoursSaved);
        Assert.StartsWith("Monday=09:00-12:00 Tuesday=09:00-17:00", entry.Detail);
        Assert.EndsWith("Saturday=09:00-12:30", entry.Detail);
    }

    [Fact]
    public async Task Adding_and_removing_a_closed_day_are_audited_for_the_office_or_for_every_office()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var day = new DateOnly(2026, 12, 7);

        Assert.NotEmpty((await world.SetupService.AddClosedDayAsync(Admin, world.OfficeId, new ClosedDayInput { Date = day, Reason = " " }, Ct)).Errors);
        Assert.Empty(await world.Setup.ListClosedDaysAsync(world.OfficeId, day, day, Ct));

        Assert.Empty((await world.SetupService.AddClosedDayAsync(Admin, world.OfficeId, new ClosedDayInput { Date = day, Reason = " 庁舎点検 " }, Ct)).Errors);
        Assert.Empty((await world.SetupService.AddClosedDayAsync(Admin, world.OfficeId, new ClosedDayInput { Date = day.AddDays(1), Reason = "停電", AllOffices = true }, Ct)).Errors);

        var closed = await world.Setup.ListClosedDaysAsync(world.OfficeId, day, day.AddDays(1), Ct);
        Assert.Equal([new ClosedDay(day, "chuo", "庁舎点検"), new ClosedDay(day.AddDays(1), null, "停電")], closed);
        var added = await world.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.ClosedDayAdded), Ct);
        Assert.Equal([("all", "date=2026-12-08 reason=停電"), ("chuo", "date=2026-12-07 reason=庁舎点検")],
            added.Select(e => (e.EntityId, e.Detail)).OrderBy(e => e.EntityId));

        world.Signals.Sent.Clear();
        await world.SetupService.RemoveClosedDayAsync(Admin, world.OfficeId, closed[1], Ct);

        Assert.Equal([closed[0]], await world.Setup.ListClosedDaysAsync(world.OfficeId, day, day.AddDays(1), Ct));
        var removed = await AuditedAsync(world, QueueSetupAudit.ClosedDayRemoved);
        Assert.Equal((Admin.Name, QueueSetupAudit.OfficeEntity, "all", "date=2026-12-08 reason=停電"), (removed.ActorName, removed.EntityType, removed.EntityId, removed.Detail));
        Assert.Contains(world.Signals.Sent, s => s.Office == world.OfficeId);
    }

    [Fact]
    public async Task The_view_lists_the_coming_year_s_holidays_by_law_beside_the_days_admins_closed()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        await world.Setup.AddClosedDayAsync(new ClosedDay(new DateOnly(2027, 1, 1), world.OfficeId, "元日の点検"), Ct);

        var view = await world.SetupService.ViewAsync(world.OfficeId, Ct);

        // 25 November 2026 in Japan: a year ahead holds 2027's 17 holidays; the closed day on New Year's Day comes after the holiday.
        Assert.Equal(18, view.DaysOff.Count);
        Assert.Equal([("元日", null), (null, "元日の点検")], view.DaysOff.Take(2).Select(d => (d.Holiday?.NameJa, d.Closed?.Reason)));
        Assert.Equal(2, view.Counters.Count);
        Assert.Equal(["moving", "certificates"], view.Services.Select(s => s.Code));
    }
}
