using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Reports.Alerts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Alerts;

/// <summary>
/// The one-click link of every follow notice and digest over HTTP, without signing in: a GET only asks; the page's POST
/// or a mail client's RFC 8058 one-click POST to the same address stops that alert; a changed link stops nothing.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class UnsubscribeHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(ReportAlertService Alerts, long Resident, AlertSubscription Alert, string Path)> AlertAsync()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        var alerts = app.Services.GetRequiredService<ReportAlertService>();
        var alert = (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct)).Value!;
        var path = UnsubscribeLinks.Path(app.Services.GetRequiredService<ISecretProtector>(), new UnsubscribeTarget(UnsubscribeKind.Alert, resident.Id, alert.Id));
        return (alerts, resident.Id, alert, path);
    }

    [Fact]
    public async Task A_GET_only_asks_and_the_page_s_POST_stops_the_alert()
    {
        var (alerts, resident, _, path) = await AlertAsync();
        using var client = app.CreateBrowserlessClient();

        var asked = await client.GetStringAsync(path, Ct);
        Assert.Contains("unsubscribe-confirm", asked);
        Assert.Single(await alerts.ListAsync(resident, Ct));

        using var posted = await client.PostAsync(path, new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Empty(await alerts.ListAsync(resident, Ct));
        Assert.Contains("unsubscribe-done", await client.GetStringAsync(posted.Headers.Location, Ct));
    }

    [Fact]
    public async Task A_mail_client_s_one_click_POST_stops_the_alert_and_a_changed_link_stops_nothing()
    {
        var (alerts, resident, alert, path) = await AlertAsync();
        using var client = app.CreateBrowserlessClient();

        using var changed = await client.PostAsync(path[..^3] + "abc", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("unsubscribe-invalid", await client.GetStringAsync(changed.Headers.Location, Ct));
        Assert.Equal([alert.Id], (await alerts.ListAsync(resident, Ct)).Select(a => a.Id));

        using var oneClick = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, oneClick.StatusCode);
        Assert.Empty(await alerts.ListAsync(resident, Ct));
    }
}
