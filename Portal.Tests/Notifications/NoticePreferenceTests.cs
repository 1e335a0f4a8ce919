using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>A resident's notice choices: what their channels can reach, what they switched off, and the outbox obeying it.</summary>
public sealed class NoticePreferenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly IReadOnlySet<NoticeChannel> Everything = new HashSet<NoticeChannel> { NoticeChannel.InApp, NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush };

    [Fact]
    public void Each_channel_says_why_it_cannot_carry_notices_yet()
    {
        var fresh = new NoticeSettings(null, EmailVerified: false, LineLinked: false, PushDevices: 0, new HashSet<(NoticeKind, NoticeChannel)>());
        var ready = fresh with { EmailVerified = true, LineLinked = true, PushDevices = 2 };

        Assert.Equal([ChannelState.Ready, ChannelState.VerifyEmailFirst, ChannelState.NotLinked, ChannelState.NoDevice],
            Enum.GetValues<NoticeChannel>().Select(c => fresh.StateOf(c, Everything)));
        Assert.Equal([ChannelState.Ready, ChannelState.NotOffered, ChannelState.NotOffered, ChannelState.NotOffered],
            Enum.GetValues<NoticeChannel>().Select(c => ready.StateOf(c, ActiveChannels.InAppOnly.Channels)));
        Assert.All(Enum.GetValues<NoticeChannel>(), c => Assert.Equal(ChannelState.Ready, ready.StateOf(c, Everything)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saved_choices_read_back_and_the_outbox_follows_them(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(db, "prefs@example.jp", "en");
        await using (var connection = await db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @Now WHERE Id = @id", new { Now, id });
            await connection.ExecuteAsync("INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, CreatedUtc) VALUES (@id, 'https://push.example/p', 'k', 'a', @Now)", new { id, Now });
        }
        var preferences = new NoticePreferenceRepository(db);

        var before = await preferences.GetAsync(id, Ct);
        await preferences.SaveAsync(id, new HashSet<(NoticeKind, NoticeChannel)> { (NoticeKind.PointsExpiring, NoticeChannel.Email) }, Ct);
        await preferences.SaveAsync(id, new HashSet<(NoticeKind, NoticeChannel)> { (NoticeKind.PointsExpiring, NoticeChannel.WebPush) }, Ct);
        var after = await preferences.GetAsync(id, Ct);

        Assert.Equal(("en", true, false, 1), (before.Culture, before.EmailVerified, before.LineLinked, before.PushDevices));
        Assert.Empty(before.SwitchedOff);
        Assert.Equal([(NoticeKind.PointsExpiring, NoticeChannel.WebPush)], after.SwitchedOff);
        Assert.True(after.IsOn(NoticeKind.PointsExpiring, NoticeChannel.Email));

        var outbox = new NoticeOutbox(db, ActiveChannels.Of(NoticeChannel.Email, NoticeChannel.WebPush));
        await outbox.EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:prefs"), Ct);
        await using var check = await db.OpenAsync(Ct);
        Assert.Equal(["Email", "InApp"], (await check.QueryAsync<string>("SELECT Channel FROM NoticeDelivery ORDER BY Channel")).ToList());
    }
}
