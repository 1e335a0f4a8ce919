using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Points;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Points;

/// <summary>
/// The City Points texts became city texts (20261207_61): rows written before keep their text as the Japanese one,
/// an empty catalogue description becomes no text, and partners and non-profits start with their ledger name as the
/// name residents read.
/// </summary>
public sealed class PointsCityTextsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rows_from_before_read_back_with_their_texts_as_Japanese(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: "20261207_61");
        var db = test.Database;
        long programmeId, eventId, itemId, emptyItemId, partnerId, nonProfitId, fundingId;
        await using (var connection = await db.OpenAsync(Ct))
        {
            const string now = "2026-11-30T00:00:00.0000000+00:00";
            async Task<long> AccountAsync(string kind, string code, string name) => await connection.ExecuteScalarAsync<long>(
                $"INSERT INTO PointAccount (Kind, Code, Name, Balance, IsActive, CreatedUtc) VALUES (@kind, @code, @name, 0, 1, @now){db.Dialect.SelectInsertedId}",
                new { kind, code, name, now });
            fundingId = await AccountAsync("Funding", "funding:old", "健康ウォーキング");
            partnerId = await AccountAsync("Partner", "partner:old", "千葉市科学館");
            nonProfitId = await AccountAsync("NonProfit", "nonprofit:old", "NPO法人 \"ちば\" 里山トラスト");
            programmeId = await connection.ExecuteScalarAsync<long>($"""
                INSERT INTO PointProgramme (Name, Kind, PointsPerParticipation, DailyCap, YearlyCap, StartsOn, EndsOn, FundingAccountId, CreatedUtc)
                VALUES (@name, 'Health', 50, 50, 2000, '2026-04-01', '2027-03-31', @fundingId, @now){db.Dialect.SelectInsertedId}
                """, new { name = "健康ウォーキング", fundingId, now });
            eventId = await connection.ExecuteScalarAsync<long>($"""
                INSERT INTO PointEvent (ProgrammeId, Title, Place, StartUtc, EndUtc, CreatedUtc)
                VALUES (@programmeId, @title, @place, '2026-12-10T01:00:00.0000000+00:00', '2026-12-10T03:00:00.0000000+00:00', @now){db.Dialect.SelectInsertedId}
                """, new { programmeId, title = "昭和の森 ウォーキング", place = "昭和の森\\n中央口", now });
            async Task<long> ItemAsync(string name, string description) => await connection.ExecuteScalarAsync<long>($"""
                INSERT INTO PointCatalogItem (Name, Description, Kind, Price, PerPersonLimit, PartnerAccountId, IsActive, CreatedUtc)
                VALUES (@name, @description, 'FacilityTicket', 510, 4, @partnerId, 1, @now){db.Dialect.SelectInsertedId}
                """, new { name, description, partnerId, now });
            itemId = await ItemAsync("千葉市科学館 常設展入館券", "大人1名の入館券です。");
            emptyItemId = await ItemAsync("千葉市科学館 プラネタリウム", " ");
        }

        db.Migrate();

        var ledger = new PointLedgerRepository(db, new NoticeOutbox(db, ActiveChannels.InAppOnly));
        var programmes = new PointProgrammeRepository(db, ledger);
        var catalog = new PointCatalogRepository(db, ledger);
        Assert.Equal(LocalizedText.Of("健康ウォーキング"), (await programmes.ProgrammeAsync(programmeId, Ct))!.Name);
        var view = (await programmes.EventAsync(eventId, Ct))!;
        Assert.Equal((LocalizedText.Of("昭和の森 ウォーキング"), LocalizedText.Of("昭和の森\\n中央口"), "健康ウォーキング"),
            (view.Event.Title, view.Event.Place, view.Programme.Name.Japanese));
        var item = (await catalog.ItemAsync(itemId, Ct))!;
        Assert.Equal((LocalizedText.Of("千葉市科学館 常設展入館券"), LocalizedText.Of("大人1名の入館券です。")), (item.Name, item.Description));
        Assert.Null((await catalog.ItemAsync(emptyItemId, Ct))!.Description);
        var partner = (await ledger.AccountAsync(partnerId, Ct))!;
        Assert.Equal((LocalizedText.Of("千葉市科学館"), "千葉市科学館"), (partner.PublicName, partner.Name));
        Assert.Equal("NPO法人 \"ちば\" 里山トラスト", (await ledger.AccountAsync(nonProfitId, Ct))!.ShownName.Japanese);
        var funding = (await ledger.AccountAsync(fundingId, Ct))!;
        Assert.Null(funding.PublicName);

        // The new columns take every language, and refuse what is not a city text.
        var texts = SeedText.Of("健康ウォーキング", "元気《げんき》に なる ウォーキング", "Health walks", "健康步行", "건강 걷기", "Đi bộ vì sức khỏe");
        await ledger.SetPublicTextsAsync(partnerId, texts, null, Ct);
        Assert.Equal(texts, (await ledger.AccountAsync(partnerId, Ct))!.PublicName);
        await using (var connection = await db.OpenAsync(Ct))
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE PointProgramme SET Name = 'not json' WHERE Id = @programmeId", new { programmeId }));
    }
}
