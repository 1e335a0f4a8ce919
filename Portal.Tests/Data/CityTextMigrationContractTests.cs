using Dapper;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Offices;
using Portal.Data.Queues;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// The city-text migration (20261207_41) on every provider: rows an older portal wrote with a Japanese and an English
/// column read back with the same texts; the seeded reference data gets every language unless an admin renamed it.
/// </summary>
public sealed class CityTextMigrationContractTests
{
    private const string Migration = "20261207_41_CityTextsOfficesQueuesReports.sql";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rows_written_before_the_migration_keep_their_texts(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: Migration);
        long serviceId, counterId;
        await using (var connection = await test.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("""
                INSERT INTO ReportCategory (Code, Field, NameJa, NameEn, ResponseTargetDays, SortOrder, IsActive)
                VALUES ('road-fallen-tree', 'Road', '倒木', 'Fallen tree', 3, 55, 1)
                """);
            // An admin renamed a seeded category: its new name stays as written, without the seed's other languages.
            await connection.ExecuteAsync("UPDATE ReportCategory SET NameJa = '道路のそのほか', NameEn = 'Other road issue' WHERE Code = 'road-other'");
            serviceId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO QueueService (OfficeId, Code, NameJa, NameEn, Prefix, FastLane, DefaultServiceMinutes, Active, SortOrder)
                VALUES ('chuo', 'moving', '転入・転出', 'Moving in or out', 'A', 1, 10, 1, 1)
                """ + test.Database.Dialect.SelectInsertedId);
            counterId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO QueueCounter (OfficeId, Name, SortOrder, Active) VALUES ('chuo', '1番窓口', 1, 1)" + test.Database.Dialect.SelectInsertedId);
        }

        test.Database.Migrate();

        var categories = new ReportCategoryRepository(test.Database);
        Assert.Equal(LocalizedText.Of("倒木", "Fallen tree"), (await categories.GetAsync("road-fallen-tree", Ct))!.Name);
        Assert.Equal(LocalizedText.Of("道路のそのほか", "Other road issue"), (await categories.GetAsync("road-other", Ct))!.Name);
        var pothole = (await categories.GetAsync("road-pothole", Ct))!.Name;
        Assert.Equal(("道路の穴・陥没", "Pothole or sunken road", 6), (pothole.Japanese, pothole.Exact("en"), pothole.Languages.Count()));
        var setup = new QueueSetupRepository(test.Database);
        Assert.Equal(LocalizedText.Of("転入・転出", "Moving in or out"), (await setup.GetServiceAsync(serviceId, Ct))!.Name);
        Assert.Equal(LocalizedText.Of("1番窓口"), (await setup.GetCounterAsync(counterId, Ct))!.Name);
        var chuo = (await new OfficeRepository(test.Database).GetAsync("chuo", Ct))!;
        Assert.Equal(("中央区役所", "Chuo Ward Office", "4-5-1 Chuo, Chuo-ku", 6), (chuo.Name.Japanese, chuo.Name.Exact("en"), chuo.Address.Exact("en"), chuo.Name.Languages.Count()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_in_every_language_are_stored_and_a_counter_s_Japanese_name_stays_unique_per_office(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var setup = new QueueSetupRepository(test.Database);
        var name = LocalizedText.From(new Dictionary<string, string?>
        {
            ["ja"] = "9番窓口", ["ja-Easy"] = "9番《ばん》窓口《まどぐち》", ["en"] = "Counter 9", ["zh-Hans"] = "9号窗口", ["ko"] = "9번 창구", ["vi"] = "Quầy số 9",
        });
        var service = await setup.SaveServiceAsync(new OfficeService(0, "inage", "tax", LocalizedText.Of("市税", "City tax").With("vi", "Thuế thành phố"), 'E', false, 8, true, 1), Ct);

        var id = await setup.SaveCounterAsync(new Counter(0, "inage", name, 9, true, [service]), Ct);

        Assert.Equal(name, (await setup.GetCounterAsync(id, Ct))!.Name);
        Assert.Equal("Thuế thành phố", (await setup.GetServiceAsync(service, Ct))!.Name.Exact("vi"));
        var twin = await Assert.ThrowsAnyAsync<Exception>(() => setup.SaveCounterAsync(new Counter(0, "inage", LocalizedText.Of("9番窓口", "Another 9"), 10, true, [service]), Ct));
        Assert.True(test.Database.Dialect.IsUniqueViolation(twin));
        await using var connection = await test.Database.OpenAsync(Ct);
        Assert.Equal("9番窓口", await connection.ExecuteScalarAsync<string>("SELECT Name FROM QueueCounter WHERE Id = @id", new { id }));
    }
}
