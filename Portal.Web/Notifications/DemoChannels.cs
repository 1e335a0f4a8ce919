using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Web.Hosting;

namespace Portal.Web.Notifications;

/// <summary>
/// Development demo data for the channels: the demo resident's address counts as verified, so notices go out by
/// e-mail as soon as a developer points Notifications:Email at a local mail catcher; and, when LINE is configured,
/// the demo resident is linked to a test LINE user named in Notifications:Line:DemoUserId.
/// </summary>
public static class DemoChannels
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var accounts = services.GetRequiredService<IUserAccountRepository>();
        var addresses = services.GetRequiredService<IChannelAddressRepository>();
        var time = services.GetRequiredService<TimeProvider>();
        if (await accounts.GetByEmailAsync(DemoData.Resident.Email, ct) is not { } resident) return;

        if (await addresses.GetEmailVerifiedAsync(resident.Id, ct) is null)
            await addresses.MarkEmailVerifiedAsync(resident.Id, resident.Email, time.GetUtcNow(), ct);

        var lineUser = services.GetRequiredService<IConfiguration>()["Notifications:Line:DemoUserId"];
        if (!string.IsNullOrWhiteSpace(lineUser) && await addresses.GetLineUserAsync(resident.Id, ct) is null)
            await addresses.LinkLineAsync(resident.Id, lineUser, time.GetUtcNow(), ct);
    }
}
