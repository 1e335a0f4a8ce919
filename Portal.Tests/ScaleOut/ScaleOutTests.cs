using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Data.Notifications;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Benefits;
using Portal.Web.Live;
using Portal.Web.Queues;
using Portal.Web.ScaleOut;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.ScaleOut;

/// <summary>
/// Two web nodes behind one address: what is done on node A is seen on a page that node B serves, and what node A
/// signed is accepted by node B. Nothing is timed: node B's pages change only when a signal reaches them (nothing on
/// them polls), so a change seen at all crossed with its signal, and each step shows before the test sends the next
/// one. The bounds are generous, for the CI machine's load.
/// </summary>
public sealed class ScaleOutTests(TwoNodes nodes, ChromiumFixture chromium) : IClassFixture<TwoNodes>
{
    private static readonly float Generously = (float)Eventually.DefaultWithin.TotalMilliseconds;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_and_a_form_token_made_on_one_node_are_accepted_by_the_other()
    {
        RedisServer.SkipUnlessInstalled();
        var staff = await nodes.A.CreateAccountAsync(Role.Staff, "chuo");
        // Cookies are not bound to a port: one browser's jar, talking to both nodes as through a load balancer.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });

        // The sign-in form (and its antiforgery cookie) from A, posted to B.
        var form = await client.GetStringAsync(new Uri(nodes.A.ServerAddress, "/account/signin"), Ct);
        using var signIn = await client.PostAsync(new Uri(nodes.B.ServerAddress, "/account/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Input.Email"] = staff.Email,
            ["Input.Password"] = PortalAppFactory.Password,
            ["Input.ReturnUrl"] = "",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The session cookie B issued opens staff pages on both nodes.
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var home = await client.GetAsync(new Uri(node.ServerAddress, "/staff"), Ct);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // And one signed in on A opens them on B.
        var jar = new CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar, UseCookies = true })
        {
            BaseAddress = nodes.A.ServerAddress,
        };
        using var signedInOnA = await PortalAppFactory.PostSignInAsync(onA, staff.Email, PortalAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedInOnA.StatusCode);
        var session = jar.GetCookies(nodes.A.ServerAddress)[".ChibaPortal.Session"];
        Assert.NotNull(session);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes.B.ServerAddress, "/staff"));
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var onB = await plain.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
    }

    /// <summary>A service of its own at an office, a counter for it with a member of staff of node A at it.</summary>
    private async Task<(OfficeService Service, Actor Staff, string Counter)> CounterOnAAsync(string office)
    {
        var queues = nodes.A.Services.GetRequiredService<TicketService>();
        var setup = nodes.A.Services.GetRequiredService<IQueueSetupRepository>();
        var service = await Queues.QueueHttpTests.ServiceAsync(nodes.A, office);
        var counter = "分散窓口" + service.Code[^4..];
        var desk = await setup.SaveCounterAsync(new Counter(0, office, LocalizedText.Of(counter), 96, true, [service.Id]), Ct);
        queues.SetupChanged(office);
        var staff = Actor.For(await nodes.A.CreateAccountAsync(Role.Staff, office), "127.0.0.1");
        await queues.TakeCounterAsync(staff, office, desk, [service.Id], Ct);
        return (service, staff, counter);
    }

    [Fact]
    public async Task Staff_on_one_node_call_and_finish_a_ticket_and_its_page_on_the_other_follows_each_step_over_its_event_stream()
    {
        ChromiumFixture.SkipUnlessInstalled();
        RedisServer.SkipUnlessInstalled();
        const string office = "hanamigawa";
        var queues = nodes.A.Services.GetRequiredService<TicketService>();
        var (service, staff, counterName) = await CounterOnAAsync(office);
        var ahead = await queues.IssueAsync(office, service.Id, TicketLane.WalkIn, Ct);
        var mine = await queues.IssueAsync(office, service.Id, TicketLane.WalkIn, Ct);

        await using var phone = await PortalBrowser.OpenAsync(chromium, nodes.B.ServerAddress, PortalBrowser.Phone);
        var page = phone.Page;
        await page.GotoAsync($"/queue/t/{mine.Token}");
        await phone.WaitUntilReadyAsync();
        await Expect(page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 1));
        // The page has its stream's first event: node B follows the office for it.
        await Expect(page.Locator("[data-ticket][data-version]")).ToBeAttachedAsync();

        await queues.CallNextAsync(staff, Ct);
        await Expect(page.Locator("[data-testid=people-ahead]"))
            .ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 0), new() { Timeout = Generously });

        await queues.FinishAsync(staff, ahead.Ticket.Id, Ct);
        var called = await queues.CallNextAsync(staff, Ct);
        Assert.Equal(mine.Ticket.Id, called?.Id);
        await Expect(page.Locator("[data-testid=ticket-state]"))
            .ToContainTextAsync(string.Format(PortalText.Ja("Queue_CalledTo"), counterName), new() { Timeout = Generously });

        await queues.FinishAsync(staff, mine.Ticket.Id, Ct);
        await Expect(page.Locator("[data-testid=ticket-state]"))
            .ToContainTextAsync(PortalText.Ja("Queue_StateServed"), new() { Timeout = Generously });
    }

    [Fact]
    public async Task A_call_on_one_node_reaches_a_ticket_s_event_stream_on_the_other_as_its_next_event()
    {
        RedisServer.SkipUnlessInstalled();
        const string office = "hanamigawa";
        var queues = nodes.A.Services.GetRequiredService<TicketService>();
        var (service, staff, counterName) = await CounterOnAAsync(office);
        var mine = await queues.IssueAsync(office, service.Id, TicketLane.WalkIn, Ct);
        using var client = new HttpClient { BaseAddress = nodes.B.ServerAddress };
        using var response = await client.GetAsync($"/queue/t/{mine.Token}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var events = new Queues.ServerSentEvents(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal("waiting", (await events.NextAsync()).Text("state"));

        // The stream sends only when a signal reaches node B: the event after the call is the call, and the one after
        // the finish is the finish, each before the test sends the next signal.
        await queues.CallNextAsync(staff, Ct);
        var next = await events.NextAsync();
        Assert.Equal(("called", string.Format(PortalText.Ja("Queue_CalledTo"), counterName)), (next.Text("state"), next.Text("headline")));

        await queues.FinishAsync(staff, mine.Ticket.Id, Ct);
        Assert.Equal("served", (await events.NextAsync()).Text("state"));
    }

    [Fact]
    public async Task A_notice_for_an_account_sent_on_one_node_raises_the_bell_on_a_page_of_the_other()
    {
        ChromiumFixture.SkipUnlessInstalled();
        RedisServer.SkipUnlessInstalled();
        var resident = await nodes.A.CreateAccountAsync(Role.Resident);
        await using var phone = await PortalBrowser.OpenAsync(chromium, nodes.B.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(resident);
        await phone.Page.GotoAsync("/reports/mine");
        await phone.WaitUntilReadyAsync();
        var bell = phone.Page.Locator(".notice-bell button[data-unread]");
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");

        await nodes.A.Services.GetRequiredService<INoticeOutbox>().EnqueueAsync(new Notice(NoticeKind.PointsExpiring,
            new NoticeRecipient.Account(resident.Id), $"points:scale-out:{Guid.NewGuid():N}",
            new Dictionary<string, string> { ["points"] = "500", ["expiryDate"] = "2027-03-31" }, "/points"), Ct);
        nodes.A.Services.GetRequiredService<IOutboxSignal>().Notify();
        // Node A's worker delivers it (B's does not look for work); the bell on B's page hears of it only by the signal
        // that crosses from A, since nothing on the page polls.
        var inbox = nodes.A.Services.GetRequiredService<INoticeInbox>();
        await Eventually.TrueAsync(async () => await inbox.CountUnreadAsync(resident.Id, Ct) == 1, what: "node A delivers the notice");

        await Expect(bell).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = Generously });
    }

    [Fact]
    public async Task A_queue_setup_change_on_one_node_is_served_by_the_other_without_waiting_out_its_cache()
    {
        RedisServer.SkipUnlessInstalled();
        const string office = "inage";
        using var client = new HttpClient { BaseAddress = nodes.B.ServerAddress };
        // B reads the office now, so its snapshot is fresh and would be kept for OfficeSnapshots.MaxAge.
        var before = ServiceCodes(await client.GetStringAsync("/api/queue/status", Ct), office);
        // What B serves when its pages hear A's signal and reload: a page of the office on B, in the test.
        var reloaded = new TaskCompletionSource<List<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ct = Ct;
        using var page = nodes.B.Services.GetRequiredService<ILiveBus>().Subscribe(QueueTopics.Office(office), async _ =>
        {
            try { reloaded.TrySetResult(ServiceCodes(await client.GetStringAsync("/api/queue/status", ct), office)); }
            catch (Exception e) { reloaded.TrySetException(e); }
        });

        var service = await Queues.QueueHttpTests.ServiceAsync(nodes.A, office);
        Assert.DoesNotContain(service.Code, before);

        // The reload that follows the signal already has the new service: B dropped its snapshot on hearing the
        // signal, before its pages did, instead of serving the cached office until it aged out.
        Assert.Contains(service.Code, await Eventually.DoneAsync(reloaded.Task, what: "node B's pages hear node A's change"));
    }

    [Fact]
    public async Task Health_reports_Redis_on_each_node()
    {
        RedisServer.SkipUnlessInstalled();
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var client = node.CreateBrowserlessClient();
            var lines = (await client.GetStringAsync("/healthz", Ct)).Split('\n');
            Assert.Equal("Healthy", lines[0]);
            Assert.Contains("redis: Healthy (Redis answers)", lines);
        }
    }

    [Fact]
    public async Task The_For_You_run_goes_on_one_node_at_a_time()
    {
        RedisServer.SkipUnlessInstalled();
        var held = await nodes.A.Services.GetRequiredService<IClusterLock>().TryTakeAsync(EligibilityRunner.LockName, Ct);
        Assert.NotNull(held);
        var runnerOnB = nodes.B.Services.GetRequiredService<EligibilityRunner>();
        try
        {
            Assert.False(await runnerOnB.RunAsync("test", Ct));
        }
        finally
        {
            await held.DisposeAsync();
        }
        Assert.True(await runnerOnB.RunAsync("test", Ct));
    }

    private static List<string> ServiceCodes(string statusJson, string office)
    {
        using var json = JsonDocument.Parse(statusJson);
        return json.RootElement.GetProperty("offices").EnumerateArray()
            .Single(o => o.GetProperty("officeId").GetString() == office)
            .GetProperty("services").EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToList();
    }
}
