using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Notifications.WebPush;

namespace Portal.Tests.Queues;

/// <summary>
/// The light queue pages' HTTP side on the running portal, as the pages' script and the load bench use it
/// (docs/queue-streams.md): the event streams, the snapshots and the notice form's post.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class QueueStreamHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TicketService Queues => app.Services.GetRequiredService<TicketService>();

    /// <summary>A service of its own with a counter, and a staff member at it.</summary>
    private async Task<(OfficeService Service, Actor Staff, string Counter)> LineAsync()
    {
        var service = await QueueHttpTests.ServiceAsync(app);
        var counter = "試験窓口" + service.Code[^4..];
        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, service.OfficeId, LocalizedText.Of(counter), 90, true, [service.Id]), Ct);
        var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, service.OfficeId), "127.0.0.1");
        await Queues.TakeCounterAsync(staff, service.OfficeId, counterId, [service.Id], Ct);
        return (service, staff, counter);
    }

    private static async Task<(HttpResponseMessage Response, ServerSentEvents Events)> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        return (response, new ServerSentEvents(await response.Content.ReadAsStreamAsync(Ct)));
    }

    [Fact]
    public async Task A_ticket_s_stream_sends_its_state_at_once_then_each_change_and_its_snapshot_says_the_same()
    {
        var (service, staff, counter) = await LineAsync();
        var ahead = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var mine = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        var (response, events) = await OpenAsync(client, $"/queue/t/{mine.Token}/events");
        using (response)
        using (events)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore);
            var first = await events.NextAsync();
            Assert.Equal("ticket", first.Name);
            Assert.Matches("^[0-9a-f]{16}$", first.Id);
            Assert.Equal((first.Id, "waiting", 1, mine.Ticket.Display), (first.Text("version"), first.Text("state"), first.Json.GetProperty("ahead").GetInt32(), first.Text("number")));
            Assert.Equal(0, first.Json.GetProperty("nowCalling").GetArrayLength());

            // The snapshot a page reads when its screen comes back: the same JSON.
            Assert.Equal(first.Data, await client.GetStringAsync($"/queue/t/{mine.Token}/state", Ct));

            await Queues.CallNextAsync(staff, Ct);
            var next = await events.NextAsync();
            Assert.Equal((0, "0人"), (next.Json.GetProperty("ahead").GetInt32(), next.Text("aheadText")));
            var called = next.Json.GetProperty("nowCalling")[0];
            Assert.Equal((ahead.Ticket.Display, counter), (called.GetProperty("number").GetString(), called.GetProperty("counter").GetString()));
            Assert.Equal(next.Id, next.Text("version"));
        }
    }

    [Fact]
    public async Task A_page_reconnecting_with_its_Last_Event_ID_is_sent_nothing_until_the_next_change()
    {
        var (service, staff, _) = await LineAsync();
        await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var mine = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();
        using var state = JsonDocument.Parse(await client.GetStringAsync($"/queue/t/{mine.Token}/state", Ct));
        var version = state.RootElement.GetProperty("version").GetString();

        var (response, events) = await OpenAsync(client, $"/queue/t/{mine.Token}/events", lastEventId: version);
        using (response)
        using (events)
        {
            await Queues.CallNextAsync(staff, Ct);
            var first = await events.NextAsync();
            Assert.Equal(0, first.Json.GetProperty("ahead").GetInt32());
            Assert.NotEqual(version, first.Id);
        }
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_s_page_answers_404_with_the_ticket_page_s_own_words_and_a_way_on()
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var token in new[] { "AAAAAAAAAAAAAAAAAAAAAA", "not-a-token" })
        {
            using var response = await client.GetAsync($"/queue/t/{token}", Ct);
            var page = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(PortalText.Ja("Queue_TicketNotFound")), page);
            Assert.Contains("href=\"/queue\"", page);
        }

        var issued = await IssueAsync();
        using var found = await client.GetAsync($"/queue/t/{issued.Token}", Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_has_no_stream_and_no_snapshot()
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var token in new[] { "AAAAAAAAAAAAAAAAAAAAAA", "not-a-token" })
        foreach (var part in new[] { "events", "state" })
        {
            using var response = await client.GetAsync($"/queue/t/{token}/{part}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_stream_speaks_the_language_asked_for_by_the_page_or_its_cookie()
    {
        var (service, _, _) = await LineAsync();
        var issued = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        var (response, events) = await OpenAsync(client, $"/queue/t/{issued.Token}/events?culture=en");
        using (response)
        using (events)
        {
            var first = await events.NextAsync();
            Assert.Equal((PortalText.En("Queue_StateWaiting"), $"Mihama Ward Office · {service.Name.Exact("en")}"), (first.Text("headline"), first.Text("where")));
        }

        using var english = new HttpClient { BaseAddress = app.ServerAddress };
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        using var snapshot = JsonDocument.Parse(await english.GetStringAsync($"/queue/t/{issued.Token}/state", Ct));
        Assert.Equal(PortalText.En("Queue_StateWaiting"), snapshot.RootElement.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task The_crowding_stream_sends_every_office_at_once_and_its_snapshot_has_them_all()
    {
        var service = await QueueHttpTests.ServiceAsync(app);
        await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();

        var (response, events) = await OpenAsync(client, "/queue/events");
        using (response)
        using (events)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var offices = new List<ServerSentEvents.Event>();
            for (var i = 0; i < 6; i++) offices.Add(await events.NextAsync());
            Assert.All(offices, e => Assert.Equal("office", e.Name));
            Assert.Equal(["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"], offices.Select(e => e.Text("office")));
            var line = offices[^1].Json.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == service.Code);
            Assert.Equal((service.Name.Japanese, 1, "1人"), (line.GetProperty("name").GetString(), line.GetProperty("waiting").GetInt32(), line.GetProperty("waitingText").GetString()));

            using var snapshot = JsonDocument.Parse(await client.GetStringAsync("/queue/state", Ct));
            Assert.Equal(6, snapshot.RootElement.GetProperty("offices").GetArrayLength());
            Assert.Matches("^[0-9a-f]{16}$", snapshot.RootElement.GetProperty("version").GetString());
        }
    }

    /// <summary>A ticket in a line of its own.</summary>
    private async Task<IssuedTicket> IssueAsync()
    {
        var service = await QueueHttpTests.ServiceAsync(app);
        return await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
    }

    /// <summary>The notice form's token and cookie, as a phone has them after opening the page.</summary>
    private static async Task<string> FormTokenAsync(HttpClient client, string token) =>
        PortalAppFactory.HiddenValue(await client.GetStringAsync($"/queue/t/{token}", Ct), "__RequestVerificationToken");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string form, params (string, string)[] fields) =>
        client.PostAsync($"/queue/t/{token}/notify", new FormUrlEncodedContent(
            new[] { ("__RequestVerificationToken", form) }.Concat(fields).ToDictionary(f => f.Item1, f => f.Item2)), Ct);

    private async Task<List<(string Kind, long? AccountId, string? Channel, string? Destination, string Culture)>> WishesAsync(long ticketId)
    {
        await using var connection = await app.Services.GetRequiredService<PortalDatabase>().OpenAsync(Ct);
        return (await connection.QueryAsync<(string, long?, string?, string?, string)>(
            "SELECT Kind, AccountId, Channel, Destination, Culture FROM QueueNoticeSubscription WHERE TicketId = @ticketId ORDER BY Kind",
            new { ticketId })).ToList();
    }

    private static Task<HttpResponseMessage> GiveBackAsync(HttpClient client, string token, string? form) =>
        client.PostAsync($"/queue/t/{token}/give-back", new FormUrlEncodedContent(
            (form is null ? [] : new[] { KeyValuePair.Create("__RequestVerificationToken", form) }).Append(KeyValuePair.Create("confirm", "yes"))), Ct);

    [Fact]
    public async Task A_ticket_given_back_from_its_page_leaves_the_line_at_once_and_a_double_tap_gives_it_back_once()
    {
        var (service, staff, _) = await LineAsync();
        var first = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var second = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        Assert.Equal(1, (await Queues.StatusAsync(second.Token, Ct))!.PeopleAhead);
        using var client = app.CreateBrowserlessClient();
        var page = await client.GetStringAsync($"/queue/t/{first.Token}", Ct);
        Assert.Contains(PortalText.Ja("Queue_GiveBackButton"), page);
        var form = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken");

        var taps = await Task.WhenAll(GiveBackAsync(client, first.Token, form), GiveBackAsync(client, first.Token, form));

        Assert.All(taps, r => Assert.Equal((HttpStatusCode.Redirect, $"/queue/t/{first.Token}"), (r.StatusCode, r.Headers.Location?.OriginalString)));
        Assert.Equal(TicketState.GivenBack, (await Queues.TicketOfTokenAsync(first.Token, Ct))!.State);
        Assert.Equal(0, (await Queues.StatusAsync(second.Token, Ct))!.PeopleAhead);
        var after = await client.GetStringAsync($"/queue/t/{first.Token}", Ct);
        Assert.Contains(PortalText.Ja("Queue_StateGivenBack"), after);
        Assert.DoesNotContain("data-testid=\"give-back\"", after);
        Assert.DoesNotContain("data-notify", after);
        // One event in the log; the next call at the counter is the ticket behind it.
        await using (var connection = await app.Services.GetRequiredService<PortalDatabase>().OpenAsync(Ct))
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QueueTicketEvent WHERE TicketId = @id AND Kind = 'GivenBack'", new { id = first.Ticket.Id }));
        Assert.Equal(second.Ticket.Id, (await Queues.CallNextAsync(staff, Ct))!.Id);
        foreach (var tap in taps) tap.Dispose();
    }

    [Fact]
    public async Task A_ticket_called_before_it_is_given_back_stays_called_and_its_page_says_to_come_to_the_counter_and_a_post_without_its_form_token_is_refused()
    {
        var (service, staff, _) = await LineAsync();
        var issued = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var client = app.CreateBrowserlessClient();
        var form = await FormTokenAsync(client, issued.Token);
        using (var forged = await GiveBackAsync(client, issued.Token, null))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(TicketState.Waiting, (await Queues.TicketOfTokenAsync(issued.Token, Ct))!.State);

        await Queues.CallNextAsync(staff, Ct);
        using var late = await GiveBackAsync(client, issued.Token, form);

        Assert.Equal($"/queue/t/{issued.Token}?giveback=called", late.Headers.Location?.OriginalString);
        Assert.Equal(TicketState.Called, (await Queues.TicketOfTokenAsync(issued.Token, Ct))!.State);
        var page = await client.GetStringAsync(late.Headers.Location!.OriginalString, Ct);
        Assert.Contains(PortalText.Ja("Queue_GiveBackTooLate"), page);
        Assert.DoesNotContain("data-testid=\"give-back\"", page);
    }

    [Fact]
    public async Task A_phone_asks_to_be_told_by_e_mail_and_a_double_tap_or_a_second_post_makes_one_wish()
    {
        var issued = await IssueAsync();
        using var client = app.CreateBrowserlessClient();
        var form = await FormTokenAsync(client, issued.Token);

        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostAsync(client, issued.Token, form, ("kind", "near"), ("email", "hanako@example.jp"))));
        using var again = await PostAsync(client, issued.Token, form, ("kind", "near"), ("email", "hanako@example.jp"));

        Assert.All(posts.Append(again), r => Assert.Equal((HttpStatusCode.Redirect, $"/queue/t/{issued.Token}#notify"), (r.StatusCode, r.Headers.Location?.OriginalString)));
        Assert.Equal([("Near", null, "Email", "hanako@example.jp", "ja")], await WishesAsync(issued.Ticket.Id));
        var page = await client.GetStringAsync($"/queue/t/{issued.Token}", Ct);
        Assert.Contains(string.Format(PortalText.Ja("Queue_NotifyNearDone"), 3), page);
        foreach (var post in posts) post.Dispose();
    }

    [Fact]
    public async Task A_bad_address_comes_back_with_a_message_and_nothing_is_saved_and_this_phone_s_push_subscription_is_taken_instead()
    {
        var issued = await IssueAsync();
        using var client = app.CreateBrowserlessClient();
        var form = await FormTokenAsync(client, issued.Token);

        foreach (var email in new[] { "hanako", "" })
        {
            using var refused = await PostAsync(client, issued.Token, form, ("kind", "called"), ("email", email), ("push", ""));
            Assert.Equal($"/queue/t/{issued.Token}?notify=email#notify", refused.Headers.Location?.OriginalString);
        }
        Assert.Empty(await WishesAsync(issued.Ticket.Id));
        var page = await client.GetStringAsync($"/queue/t/{issued.Token}?notify=email", Ct);
        Assert.Contains(PortalText.Ja("Queue_NotifyEmailInvalid"), page);

        // A bare id, or a handle this portal did not seal, names no subscription: someone else's phone cannot be told.
        foreach (var guessed in new[] { "77", "CfDJ8AAAAAAAAAAAAAAAAAAAAAA" })
        {
            using var refused = await PostAsync(client, issued.Token, form, ("kind", "called"), ("email", ""), ("push", guessed));
            Assert.Equal($"/queue/t/{issued.Token}?notify=email#notify", refused.Headers.Location?.OriginalString);
        }
        Assert.Empty(await WishesAsync(issued.Ticket.Id));

        var handle = app.Services.GetRequiredService<PushSubscriptionHandle>().Seal(77);
        using var push = await PostAsync(client, issued.Token, form, ("kind", "called"), ("email", ""), ("push", handle));
        Assert.Equal(HttpStatusCode.Redirect, push.StatusCode);
        Assert.Equal([("Called", null, "WebPush", "77", "ja")], await WishesAsync(issued.Ticket.Id));
    }

    [Fact]
    public async Task A_signed_in_resident_s_wish_goes_to_their_account_and_a_post_without_its_form_token_is_refused()
    {
        var issued = await IssueAsync();
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);

        using var forged = await client.PostAsync($"/queue/t/{issued.Token}/notify",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "near" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var posted = await PostAsync(client, issued.Token, await FormTokenAsync(client, issued.Token), ("kind", "near"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal([("Near", resident.Id, null, null, "ja")], await WishesAsync(issued.Ticket.Id));
    }
}
