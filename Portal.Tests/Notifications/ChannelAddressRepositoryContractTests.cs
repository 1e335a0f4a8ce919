using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>The addresses the external channels use, stored per provider.</summary>
public sealed class ChannelAddressRepositoryContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> ResidentAsync(PortalDatabase db, string email)
    {
        var account = UserAccount.Create(email, "市民", "hash", Role.Resident, null, Now);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_address_is_verified_only_while_it_is_still_the_accounts(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var addresses = new ChannelAddressRepository(test.Database);
        var id = await ResidentAsync(test.Database, "hanako@example.jp");

        Assert.False(await addresses.MarkEmailVerifiedAsync(id, "old-address@example.jp", Now, Ct));
        Assert.Null(await addresses.GetEmailVerifiedAsync(id, Ct));
        Assert.True(await addresses.MarkEmailVerifiedAsync(id, "Hanako@Example.jp", Now, Ct));
        Assert.Equal(Now, await addresses.GetEmailVerifiedAsync(id, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_LINE_user_links_to_one_account_which_can_relink_and_unlink(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var addresses = new ChannelAddressRepository(test.Database);
        var hanako = await ResidentAsync(test.Database, "hanako@example.jp");
        var taro = await ResidentAsync(test.Database, "taro@example.jp");

        Assert.Equal(LineLinkOutcome.Linked, await addresses.LinkLineAsync(hanako, "U1", Now, Ct));
        Assert.Equal(LineLinkOutcome.Linked, await addresses.LinkLineAsync(hanako, "U1", Now, Ct));
        Assert.Equal(LineLinkOutcome.TakenByAnotherAccount, await addresses.LinkLineAsync(taro, "U1", Now, Ct));
        Assert.Equal(LineLinkOutcome.Linked, await addresses.LinkLineAsync(hanako, "U2", Now, Ct));
        Assert.Equal("U2", await addresses.GetLineUserAsync(hanako, Ct));
        Assert.Null(await addresses.GetLineUserAsync(taro, Ct));

        Assert.True(await addresses.UnlinkLineAsync(hanako, Ct));
        Assert.False(await addresses.UnlinkLineAsync(hanako, Ct));
        Assert.Null(await addresses.GetLineUserAsync(hanako, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_row_per_endpoint_which_a_signed_in_subscriber_takes_over_and_an_anonymous_one_does_not(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var addresses = new ChannelAddressRepository(test.Database);
        var hanako = await ResidentAsync(test.Database, "hanako@example.jp");
        const string endpoint = "https://fcm.googleapis.com/fcm/send/device-1";

        var anonymous = await addresses.SavePushSubscriptionAsync(null, endpoint, "key-1", "auth-1", null, Now, Ct);
        var claimed = await addresses.SavePushSubscriptionAsync(hanako, endpoint, "key-2", "auth-2", "Android · Chrome", Now, Ct);
        var againAnonymous = await addresses.SavePushSubscriptionAsync(null, endpoint, "key-3", "auth-3", null, Now, Ct);

        Assert.Equal(anonymous, claimed);
        Assert.Equal(anonymous, againAnonymous);
        var stored = await addresses.GetPushSubscriptionAsync(anonymous, Ct);
        Assert.Equal(new PushSubscriptionRecord(anonymous, hanako, endpoint, "key-3", "auth-3", "Android · Chrome", Now), stored);
        Assert.Equal([anonymous], (await addresses.ListPushSubscriptionsAsync(hanako, Ct)).Select(s => s.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_owner_or_the_browser_itself_removes_a_subscription(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var addresses = new ChannelAddressRepository(test.Database);
        var hanako = await ResidentAsync(test.Database, "hanako@example.jp");
        var taro = await ResidentAsync(test.Database, "taro@example.jp");
        var owned = await addresses.SavePushSubscriptionAsync(hanako, "https://fcm.googleapis.com/fcm/send/a", "k", "a", null, Now, Ct);
        var anonymous = await addresses.SavePushSubscriptionAsync(null, "https://fcm.googleapis.com/fcm/send/b", "k", "a", null, Now, Ct);

        Assert.False(await addresses.DeletePushSubscriptionAsync(owned, taro, Ct));
        Assert.False(await addresses.DeletePushSubscriptionByEndpointAsync("https://fcm.googleapis.com/fcm/send/a", null, Ct));
        Assert.False(await addresses.DeletePushSubscriptionByEndpointAsync("https://fcm.googleapis.com/fcm/send/a", taro, Ct));
        Assert.True(await addresses.DeletePushSubscriptionByEndpointAsync("https://fcm.googleapis.com/fcm/send/b", null, Ct));
        Assert.True(await addresses.DeletePushSubscriptionAsync(owned, hanako, Ct));
        Assert.Null(await addresses.GetPushSubscriptionAsync(owned, Ct));
        Assert.Null(await addresses.GetPushSubscriptionAsync(anonymous, Ct));

        var gone = await addresses.SavePushSubscriptionAsync(hanako, "https://fcm.googleapis.com/fcm/send/c", "k", "a", null, Now, Ct);
        Assert.True(await addresses.ForgetPushSubscriptionAsync(gone, Ct));
        Assert.Empty(await addresses.ListPushSubscriptionsAsync(hanako, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_renewed_subscription_takes_the_old_ones_place_only_with_the_old_ones_secret(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var addresses = new ChannelAddressRepository(test.Database);
        var hanako = await ResidentAsync(test.Database, "hanako@example.jp");
        const string old = "https://fcm.googleapis.com/fcm/send/old", renewed = "https://fcm.googleapis.com/fcm/send/new";
        var id = await addresses.SavePushSubscriptionAsync(hanako, old, "key-1", "secret-1", "iOS · Safari", Now, Ct);

        Assert.Null(await addresses.RenewPushSubscriptionAsync(old, "not-the-secret", renewed, "key-2", "secret-2", Ct));
        Assert.Null(await addresses.RenewPushSubscriptionAsync("https://fcm.googleapis.com/fcm/send/unknown", "secret-1", renewed, "key-2", "secret-2", Ct));
        Assert.Equal(old, (await addresses.GetPushSubscriptionAsync(id, Ct))!.Endpoint);

        Assert.Equal(id, await addresses.RenewPushSubscriptionAsync(old, "secret-1", renewed, "key-2", "secret-2", Ct));
        Assert.Equal(new PushSubscriptionRecord(id, hanako, renewed, "key-2", "secret-2", "iOS · Safari", Now), await addresses.GetPushSubscriptionAsync(id, Ct));

        // The page saved the next endpoint before the worker renewed: one row remains, the old one's, still the account's.
        const string next = "https://fcm.googleapis.com/fcm/send/next";
        var savedFirst = await addresses.SavePushSubscriptionAsync(null, next, "key-3", "secret-3", null, Now, Ct);
        Assert.Equal(id, await addresses.RenewPushSubscriptionAsync(renewed, "secret-2", next, "key-3", "secret-3", Ct));
        Assert.Null(await addresses.GetPushSubscriptionAsync(savedFirst, Ct));
        Assert.Equal([next], (await addresses.ListPushSubscriptionsAsync(hanako, Ct)).Select(s => s.Endpoint));
    }
}
