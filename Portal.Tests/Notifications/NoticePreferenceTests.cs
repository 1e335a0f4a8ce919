using Dapper;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>A resident's notice choices through the real database: what their channels reach, each switch stored, and the outbox obeying them.</summary>
public sealed class NoticePreferenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_switch_is_stored_on_its_own_reads_back_and_the_outbox_follows_it(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(db, "prefs@example.jp", "en");
        var other = await NoticeDeliveryRepositoryContractTests.ResidentAsync(db, "other@example.jp");
        await using (var connection = await db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @Now WHERE Id IN @ids", new { Now, ids = new[] { id, other } });
            await connection.ExecuteAsync("INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, CreatedUtc) VALUES (@id, 'https://push.example/p', 'k', 'a', @Now)", new { id, Now });
        }
        var preferences = new NoticePreferenceRepository(db);

        var before = await preferences.GetAsync(id, Ct);
        await preferences.SetAsync(id, NoticeKind.PointsExpiring, NoticeChannel.Email, false, Ct);
        await preferences.SetAsync(id, NoticeKind.PointsExpiring, NoticeChannel.WebPush, false, Ct);
        await preferences.SetAsync(id, NoticeKind.PointsExpiring, NoticeChannel.Email, true, Ct);
        await preferences.SetAsync(id, NoticeKind.ReportStatusChanged, NoticeChannel.WebPush, false, Ct);
        await preferences.SetAsync(id, NoticeKind.ReportStatusChanged, NoticeChannel.WebPush, false, Ct);
        var after = await preferences.GetAsync(id, Ct);

        Assert.Equal(("en", true, false, 1), (before.Culture, before.EmailVerified, before.LineLinked, before.PushDevices));
        Assert.Empty(before.SwitchedOff);
        Assert.Equal([(NoticeKind.ReportStatusChanged, NoticeChannel.WebPush), (NoticeKind.PointsExpiring, NoticeChannel.WebPush)], after.SwitchedOff.Order());
        Assert.True(after.IsOn(NoticeKind.PointsExpiring, NoticeChannel.Email));
        Assert.Empty((await preferences.GetAsync(other, Ct)).SwitchedOff);

        var outbox = new NoticeOutbox(db, ActiveChannels.Of(NoticeChannel.Email, NoticeChannel.WebPush));
        await outbox.EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:prefs"), Ct);
        await outbox.EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(other, "points:other"), Ct);
        await using var check = await db.OpenAsync(Ct);
        Assert.Equal(["Email", "InApp"], (await check.QueryAsync<string>(
            "SELECT d.Channel FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = 'points:prefs' ORDER BY d.Channel")).ToList());
        Assert.Equal(["Email", "InApp"], (await check.QueryAsync<string>(
            "SELECT d.Channel FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = 'points:other' ORDER BY d.Channel")).ToList());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_settings_say_whether_For_You_looks_for_the_resident(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(db, "foryou@example.jp");
        var preferences = new NoticePreferenceRepository(db);
        var consents = new ConsentRepository(db);
        Assert.Equal((false, false), Standing(await preferences.GetAsync(id, Ct)));

        await consents.GiveAsync(id, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        await consents.GiveAsync(id, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        Assert.Equal((true, false), Standing(await preferences.GetAsync(id, Ct)));

        var (entries, problems) = RegisterParser.Parse([new RegisterRow
        {
            Line = 2, ResidentNumber = "R-9", HouseholdNumber = "H-9", Relation = "head", FamilyName = "千葉", GivenName = "花子",
            BirthDate = "1988-07-01", Sex = "F", Ward = "chuo", Insurance = "nhi",
        }], new HashSet<string> { "chuo" }, new DateOnly(2026, 11, 25));
        Assert.Empty(problems);
        await new ResidentRegisterRepository(db).ImportAsync(entries, Ct);
        await using (var connection = await db.OpenAsync(Ct))
            await connection.ExecuteAsync("UPDATE RegisterResident SET AccountId = @id WHERE ResidentNumber = 'R-9'", new { id });
        Assert.Equal((true, true), Standing(await preferences.GetAsync(id, Ct)));

        await consents.RevokeAsync(id, ConsentPurpose.Register, Ct);
        Assert.Equal((false, true), Standing(await preferences.GetAsync(id, Ct)));

        static (bool, bool) Standing(NoticeSettings s) => (s.ForYouConsent, s.ForYouLinked);
    }
}
