using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>What admins set up, stored and read back on every available provider.</summary>
public sealed class QueueSetupRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Services_counters_and_settings_round_trip(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var setup = world.Setup;

        Assert.Equal(["moving", "certificates"], (await setup.ListServicesAsync(world.OfficeId, Ct)).Select(s => s.Code));
        var renamed = world.Moving.Name.With("en", "Moving").With("vi", "Chuyển nhà");
        await setup.SaveServiceAsync(world.Moving with { Name = renamed, Prefix = 'M', FastLane = false }, Ct);
        var moving = (await setup.GetServiceAsync(world.Moving.Id, Ct))!;
        Assert.Equal(('M', false, renamed), (moving.Prefix, moving.FastLane, moving.Name));
        var e = await Assert.ThrowsAnyAsync<Exception>(() => setup.SaveServiceAsync(world.Certificates with { Id = 0, Code = "other" }, Ct));
        Assert.True(world.Db.Dialect.IsUniqueViolation(e)); // prefix B is taken at this office

        await setup.SaveCounterAsync(world.Counters[0] with { ServiceIds = [world.Certificates.Id] }, Ct);
        Assert.Equal([world.Certificates.Id], (await setup.GetCounterAsync(world.Counters[0].Id, Ct))!.ServiceIds);

        await setup.SaveSettingsAsync(new OfficeQueueSettings(world.OfficeId, 5, 3), Ct);
        Assert.Equal(new OfficeQueueSettings(world.OfficeId, 5, 3), await setup.GetSettingsAsync(world.OfficeId, Ct));
        // The board's languages, in order; none again means the city's default.
        await setup.SaveSettingsAsync(new OfficeQueueSettings(world.OfficeId, 5, 3, ["vi", "ja", "zh-Hans"]), Ct);
        Assert.Equal(["vi", "ja", "zh-Hans"], (await setup.GetSettingsAsync(world.OfficeId, Ct)).BoardLanguages);
        await setup.SaveSettingsAsync(new OfficeQueueSettings(world.OfficeId, 5, 3, []), Ct);
        Assert.Null((await setup.GetSettingsAsync(world.OfficeId, Ct)).BoardLanguages);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hours_and_closed_days_make_the_offices_calendar(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var setup = world.Setup;

        Assert.Equal(5, (await setup.ListHoursAsync("inage", Ct)).Count);
        // National holidays are worked out (JapaneseHolidays), not stored: a new database has no closed days.
        Assert.Empty(await setup.ListClosedDaysAsync(null, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), Ct));

        await setup.SaveHoursAsync("inage", [new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 15))], Ct);
        await setup.AddClosedDayAsync(new ClosedDay(new DateOnly(2026, 12, 7), "inage", "庁舎点検"), Ct);
        await setup.AddClosedDayAsync(new ClosedDay(new DateOnly(2026, 12, 7), "inage", "庁舎点検"), Ct);

        Assert.Equal([new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 15))], await setup.ListHoursAsync("inage", Ct));
        Assert.Contains(new ClosedDay(new DateOnly(2026, 12, 7), "inage", "庁舎点検"), await setup.ListClosedDaysAsync("inage", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Ct));
        Assert.Empty(await setup.ListClosedDaysAsync("chuo", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Ct));
        await setup.RemoveClosedDayAsync(new DateOnly(2026, 12, 7), "inage", Ct);
        Assert.Empty(await setup.ListClosedDaysAsync("inage", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Ct));
    }
}
