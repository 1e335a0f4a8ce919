using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>The public queue pages and the open-data endpoint over real HTTP on the running portal.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class QueueHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A service of its own at an office, with a prefix no other test at that office took.</summary>
    internal static async Task<OfficeService> ServiceAsync(PortalAppFactory app, string officeId = "mihama")
    {
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var used = (await setup.ListServicesAsync(officeId, CancellationToken.None)).Select(s => s.Prefix).ToHashSet();
        var prefix = Enumerable.Range('A', 26).Select(c => (char)c).Where(c => !used.Contains(c)).OrderBy(_ => Random.Shared.Next()).First();
        var code = "test-" + Guid.NewGuid().ToString("N")[..8];
        var id = await setup.SaveServiceAsync(new OfficeService(0, officeId, code, LocalizedText.Of("試験の窓口 " + code, "Test counter " + code), prefix, true, 6, true, 50), CancellationToken.None);
        // As the admin page does: open pages of the office (and its cached snapshot) learn of the new service at once.
        app.Services.GetRequiredService<TicketService>().SetupChanged(officeId);
        return (await setup.GetServiceAsync(id, CancellationToken.None))!;
    }

    /// <summary>
    /// The service's line on the last day its office opened: three joined ten minutes after opening and were called 30
    /// minutes later.
    /// </summary>
    internal static async Task<(DateOnly Day, BusinessCalendar Calendar)> PastDayAsync(PortalAppFactory app, OfficeService service)
    {
        var ct = TestContext.Current.CancellationToken;
        var queues = app.Services.GetRequiredService<TicketService>();
        var tickets = app.Services.GetRequiredService<ITicketRepository>();
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var calendar = await queues.CalendarAsync(service.OfficeId, ct);
        var day = Enumerable.Range(1, 14).Select(d => queues.Today.AddDays(-d)).First(calendar.IsBusinessDay);
        var opens = Portal.Core.Time.JapanTime.StartOfDayUtc(day) + calendar.HoursOn(day)!.Opens.ToTimeSpan();
        for (var i = 0; i < 3; i++)
            await tickets.IssueAsync(service, TicketLane.WalkIn, opens.AddMinutes(10 + i), TicketToken.Hash(TicketToken.New()), 600, ct);
        for (var i = 0; i < 3; i++)
        {
            var counter = await setup.SaveCounterAsync(new Counter(0, service.OfficeId, LocalizedText.Of($"予想窓口{i} {service.Code[^4..]}"), 80 + i, true, [service.Id]), ct);
            Assert.NotNull(await tickets.CallNextAsync(service.OfficeId, day, counter, [service.Id], null, opens.AddMinutes(40 + i), ct));
        }
        return (day, calendar);
    }

    [Fact]
    public async Task The_forecast_page_and_its_JSON_show_a_service_s_typical_line_from_past_weeks_and_an_unknown_office_is_404()
    {
        var service = await ServiceAsync(app, "hanamigawa");
        var (day, calendar) = await PastDayAsync(app, service);
        using var client = app.CreateBrowserlessClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/queue/forecast/{service.OfficeId}", Ct));
        var line = json.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == service.Code);
        var slot = line.GetProperty("slots").EnumerateArray()
            .Single(s => s.GetProperty("day").GetString() == day.DayOfWeek.ToString() && s.GetProperty("hour").GetInt32() == calendar.HoursOn(day)!.Opens.Hour);
        Assert.Equal(30, slot.GetProperty("typicalWaitMinutes").GetInt32());
        Assert.True(slot.GetProperty("typicalWaiting").GetDouble() > 0);
        Assert.Equal(8, json.RootElement.GetProperty("weeks").GetInt32());

        // A service of the office with no history at all sits beside it on the page (once a 500: an unclosed section).
        var quiet = await ServiceAsync(app, "hanamigawa");
        var page = await client.GetStringAsync($"/queue/forecast/{service.OfficeId}", Ct);
        Assert.Contains($"data-service=\"{quiet.Code}\"", page);
        Assert.Contains($"data-service=\"{service.Code}\"", page);
        Assert.Contains(PortalText.Ja("Queue_ForecastBest"), page);
        Assert.Contains(System.Globalization.CultureInfo.GetCultureInfo("ja").DateTimeFormat.GetDayName(day.DayOfWeek), page);
        Assert.Contains("/queue/forecast/hanamigawa", await client.GetStringAsync("/queue", Ct));

        using var unknown = await client.GetAsync("/queue/forecast/nowhere", Ct);
        using var unknownJson = await client.GetAsync("/api/queue/forecast/nowhere", Ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, unknownJson.StatusCode));
    }

    [Fact]
    public async Task The_status_endpoint_lists_every_office_and_the_waiting_count_of_a_service()
    {
        var service = await ServiceAsync(app);
        var queues = app.Services.GetRequiredService<TicketService>();
        await queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        await queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync("/api/queue/status", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var offices = json.RootElement.GetProperty("offices").EnumerateArray().ToList();
        Assert.Equal(["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"], offices.Select(o => o.GetProperty("officeId").GetString()));
        var line = offices.Single(o => o.GetProperty("officeId").GetString() == "mihama").GetProperty("services").EnumerateArray()
            .Single(s => s.GetProperty("code").GetString() == service.Code);
        Assert.Equal(2, line.GetProperty("waiting").GetInt32());
        Assert.Contains(line.GetProperty("band").GetString(), new[] { "under20", "20to40", "over40" });
        Assert.True(line.GetProperty("waitMinutesHigh").GetInt32() >= line.GetProperty("waitMinutesLow").GetInt32());
    }

    [Fact]
    public async Task The_crowding_page_shows_the_line_and_the_ticket_page_shows_the_ticket_to_anyone_with_the_link()
    {
        var service = await ServiceAsync(app);
        var issued = await app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        var crowding = await client.GetStringAsync("/queue", Ct);
        Assert.Contains(service.Name.Japanese, crowding);
        Assert.Contains("区役所窓口の混雑状況", crowding);

        var ticket = await client.GetStringAsync($"/queue/t/{issued.Token}", Ct);
        Assert.Contains(issued.Ticket.Display, ticket);
        Assert.Contains("美浜区役所", ticket);
        Assert.Contains("あなたの前の人数", ticket);
    }

    [Fact]
    public async Task The_ticket_and_crowding_pages_are_plain_HTML_with_the_portals_bar_and_nothing_of_the_interactive_pages()
    {
        var service = await ServiceAsync(app);
        var issued = await app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        foreach (var path in new[] { $"/queue/t/{issued.Token}", "/queue", "/queue/t/AAAAAAAAAAAAAAAAAAAAAA" })
        {
            // The unknown ticket's page answers 404, with the same page around its message.
            using var response = await client.GetAsync(path, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            // Skip link, the portal's bar with its name linking home and the language switch posting to /culture.
            Assert.All(["class=\"skip-link\" href=\"#main\"", "<header class=\"static-bar\">", "<a href=\"/\" class=\"portal-brand\">",
                "action=\"/culture\"", "<main id=\"main\""], part => Assert.Contains(part, html));
            // No circuit: no Blazor runtime, no MudBlazor, no Leaflet, no reconnect dialog, none of the main layout.
            Assert.All(["blazor.web", "MudBlazor", "mud-", "leaflet", "components-reconnect-modal", "resident-nav", "portal.css"],
                part => Assert.DoesNotContain(part, html, StringComparison.OrdinalIgnoreCase));
            Assert.Matches("<link rel=\"stylesheet\" href=\"/?css/light\\.[a-z0-9]+\\.css\"", html);
        }
    }

    [Fact]
    public async Task Staff_download_their_offices_statistics_as_CSV_and_see_them_on_the_page()
    {
        var service = await ServiceAsync(app);
        var queues = app.Services.GetRequiredService<TicketService>();
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var counterId = await setup.SaveCounterAsync(new Counter(0, service.OfficeId, LocalizedText.Of("試験" + service.Code), 90, true, [service.Id]), Ct);
        var staffAccount = await app.CreateAccountAsync(Portal.Core.Accounts.Role.Staff, service.OfficeId);
        var staff = Portal.Core.Audit.Actor.For(staffAccount, "127.0.0.1");
        await queues.TakeCounterAsync(staff, service.OfficeId, counterId, [service.Id], Ct);
        var issued = await queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        await queues.CallNextAsync(staff, Ct);
        await queues.FinishAsync(staff, issued.Ticket.Id, Ct);
        await queues.LeaveCounterAsync(staff, Ct);
        using var client = await app.SignedInClientAsync(staffAccount);

        var csv = await client.GetStringAsync("/staff/queue/stats.csv", Ct);
        var row = csv.Split('\n').Single(l => l.Contains(service.Code)).Split(',');
        Assert.StartsWith("\uFEFFoffice,from,to,service", csv);
        Assert.Equal(("mihama", "1", "1", "1", "0"), (row[0], row[5], row[6], row[7], row[8]));
        Assert.Contains(service.Name.Japanese, await client.GetStringAsync("/staff/queue/stats", Ct));
        using var bad = await client.GetAsync("/staff/queue/stats.csv?from=2026-13-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
