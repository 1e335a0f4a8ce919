using Bunit;
using MudBlazor;
using Portal.Core.Queues;
using Portal.Web.Queues.Admin;

namespace Portal.Tests.Queues;

/// <summary>Admins set up services, counters and settings from the admin page.</summary>
public sealed class QueueAdminTests : QueuePageTest
{
    protected override Task ConfigureAsync()
    {
        AddAuthorization().SetAuthorized("admin@city.chiba.jp").SetRoles("Admin");
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_admin_adds_a_service_with_its_prefix_and_a_taken_prefix_is_refused()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));

        page.Find("[data-testid=service-code]").Change("tax");
        page.Find("[data-testid=service-name-ja]").Change("税証明");
        page.Find("[data-testid=service-name-en]").Change("Tax certificates");
        page.Find("[data-testid=service-prefix]").Change("b");
        page.Find("[data-testid=save-service]").Click();
        page.WaitForAssertion(() => Assert.Contains("既にあります", page.Find("[data-testid=admin-error]").TextContent));

        page.Find("[data-testid=service-prefix]").Change("t");
        page.Find("[data-testid=save-service]").Click();

        page.WaitForAssertion(() => Assert.Contains("税証明", page.Markup));
        var tax = (await World.Setup.ListServicesAsync(World.OfficeId, Ct)).Single(s => s.Code == "tax");
        Assert.Equal(('T', "Tax certificates", true), (tax.Prefix, tax.NameEn, tax.Active));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (true)
        {
            var value = await read();
            if (done(value) || timeout.IsCancellationRequested) return value;
            await Task.Delay(20, CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_admin_changes_the_notice_threshold_and_recalls()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        page.Find("[data-testid=threshold]").Change("5");
        page.Find("[data-testid=recalls]").Change("1");
        page.Find("[data-testid=save-settings]").Click();
        // The snackbar renders in its provider: the stored settings are what count.
        var saved = await WaitForAsync(() => World.Setup.GetSettingsAsync("chuo", Ct), s => s.NoticeThreshold == 5);
        Assert.Equal(new OfficeQueueSettings("chuo", 5, 1), saved);
    }
}
