using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Notifications;

namespace Portal.Tests.Notifications;

public sealed class DemoChannelsTests
{
    [Fact]
    public async Task The_demo_resident_has_a_verified_address_and_the_configured_test_LINE_user_and_seeding_twice_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["Notifications:Line:DemoUserId"] = "Udemo0000000000000000000000000001" });
        _ = app.ServerAddress;
        await DemoData.SeedAsync(app.Services, ct);

        await DemoChannels.SeedAsync(app.Services, ct);
        await DemoChannels.SeedAsync(app.Services, ct);

        var resident = await app.Services.GetRequiredService<IUserAccountRepository>().GetByEmailAsync(DemoData.Resident.Email, ct);
        var addresses = app.Services.GetRequiredService<IChannelAddressRepository>();
        Assert.NotNull(await addresses.GetEmailVerifiedAsync(resident!.Id, ct));
        Assert.Equal("Udemo0000000000000000000000000001", await addresses.GetLineUserAsync(resident.Id, ct));
    }
}
