using System.Net;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Notifications;

/// <summary>The portal as it starts without any outside service: in-app and Web Push on, e-mail and LINE off and saying why.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ChannelSettingsPageTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Without_configuration_only_in_app_and_Web_Push_are_on_and_only_their_senders_exist()
    {
        var active = app.Services.GetRequiredService<ActiveChannels>();
        // The referral webhook (outside bodies, never residents) is always on, with its sender.
        Assert.Equal([NoticeChannel.InApp, NoticeChannel.WebPush, NoticeChannel.Webhook], active.Channels.Order());
        Assert.Equal([NoticeChannel.InApp, NoticeChannel.WebPush, NoticeChannel.Webhook], app.Services.GetServices<INoticeSender>().Select(s => s.Channel).Order());
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "webpush", "vapid.json")));
    }

    [Fact]
    public async Task The_settings_page_says_why_e_mail_and_LINE_are_off_in_both_languages()
    {
        using var client = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Resident));

        var japanese = await client.GetStringAsync("/settings/channels", Ct);
        Assert.Contains("このポータルではまだメールでのお知らせを提供していません", japanese);
        Assert.Contains("このポータルではまだLINEでのお知らせを提供していません", japanese);
        Assert.Contains("data-push-state=\"Checking\"", japanese);
        Assert.DoesNotContain("action=\"/notifications/line/link\"", japanese);

        var english = await client.GetStringAsync("/settings/channels?culture=en", Ct);
        Assert.Contains("This portal does not offer LINE yet.", english);
        Assert.Contains("This portal does not offer e-mail notices yet", english);
    }

    [Fact]
    public async Task Linking_LINE_is_refused_when_it_is_not_configured()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);
        var page = await client.GetStringAsync("/settings/channels", Ct);

        using var response = await client.PostAsync("/notifications/line/link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"),
        }), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<IChannelAddressRepository>().GetLineUserAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task The_service_worker_is_served_from_the_root_and_the_policy_lets_it_run()
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/sw.js", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("showNotification", await response.Content.ReadAsStringAsync(Ct));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("worker-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
    }
}
