using System.Globalization;
using System.Security.Claims;
using Bunit;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Queues;

namespace Portal.Tests.Queues;

/// <summary>
/// The resident's ticket page as the server renders it, in each state and language: what a phone shows before (or
/// without) its script. How it then follows the ticket is in <see cref="QueueFeedsTests"/> and the browser journeys.
/// </summary>
public sealed class TicketPageTests : QueuePageTest
{
    private Bunit.TestDoubles.BunitAuthorizationContext _auth = null!;

    protected override Task ConfigureAsync()
    {
        _auth = AddAuthorization();
        return Task.CompletedTask;
    }

    private async Task<IssuedTicket> IssueAsync(int ahead = 0)
    {
        for (var i = 0; i < ahead; i++) await World.IssueAsync();
        return await World.Service.IssueAsync(World.OfficeId, World.Moving.Id, TicketLane.WalkIn, Ct);
    }

    private IRenderedComponent<TicketPage> Open(IssuedTicket issued, string? query = null)
    {
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        navigation.NavigateTo($"/queue/t/{issued.Token}{query}");
        var page = Render<TicketPage>(p => p.Add(x => x.Token, issued.Token));
        page.WaitForAssertion(() => Assert.Equal(issued.Ticket.Display, page.Find("[data-testid=ticket-number]").TextContent));
        return page;
    }

    [Fact]
    public async Task A_waiting_ticket_shows_its_number_people_ahead_a_wait_range_and_where_its_updates_come_from()
    {
        var issued = await IssueAsync(ahead: 2);
        var page = Open(issued);

        Assert.Equal("A003", page.Find("[data-testid=ticket-number]").TextContent);
        Assert.Equal("中央区役所 · 転入・転出", page.Find("[data-field=where]").TextContent);
        Assert.Equal("2人", page.Find("[data-testid=people-ahead]").TextContent);
        Assert.Matches(@"^\d+〜\d+分$", page.Find("[data-testid=estimate]").TextContent);
        Assert.Equal("お待ちください", page.Find("[data-field=headline]").TextContent);
        Assert.Contains("精度は高くありません", page.Find("[data-field=note]").TextContent); // no counter open, no history
        Assert.True(page.Find("[data-field=hint]").HasAttribute("hidden"));
        Assert.Equal("まだ呼び出しはありません。", page.Find("[data-when=none-called]").TextContent);
        var ticket = page.Find("[data-ticket]");
        Assert.Equal(("waiting", $"/queue/t/{issued.Token}/events?culture=ja", $"/queue/t/{issued.Token}/state?culture=ja"),
            (ticket.GetAttribute("data-state"), ticket.GetAttribute("data-events"), ticket.GetAttribute("data-snapshot")));
        // Without a script the page still offers the state again.
        Assert.Equal($"/queue/t/{issued.Token}", page.Find("[data-testid=reload]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_called_ticket_names_its_counter_and_the_numbers_being_called()
    {
        var issued = await IssueAsync();
        var staff = await World.AtCounterAsync(1);
        await World.Service.CallNextAsync(staff, Ct);

        var page = Open(issued);

        Assert.Equal("2番窓口へお越しください", page.Find("[data-field=headline]").TextContent);
        Assert.Equal(PortalText.Ja("Queue_CalledHint"), page.Find("[data-field=hint]").TextContent);
        Assert.True(page.Find("dl[data-when=waiting]").HasAttribute("hidden"));
        Assert.Equal("A001 → 2番窓口", page.Find("[data-field=now-calling] li").TextContent);
        Assert.Equal("called", page.Find("[data-ticket]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Served_and_no_show_tickets_say_so_and_offer_no_notices()
    {
        var served = await IssueAsync();
        var staff = await World.AtCounterAsync(0);
        await World.Service.CallNextAsync(staff, Ct);
        await World.Service.FinishAsync(staff, served.Ticket.Id, Ct);
        var page = Open(served);
        Assert.Equal(PortalText.Ja("Queue_StateServed"), page.Find("[data-field=headline]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=notify-near]"));

        var missed = await IssueAsync();
        await World.Service.CallNextAsync(staff, Ct);
        await World.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await World.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await World.Service.NoShowAsync(staff, missed.Ticket.Id, Ct);
        var second = Open(missed);
        Assert.Equal(PortalText.Ja("Queue_StateNoShow"), second.Find("[data-field=headline]").TextContent);
        Assert.Empty(second.FindAll("form"));
    }

    [Fact]
    public void An_unknown_or_malformed_token_says_the_ticket_is_not_found_and_leads_to_crowding()
    {
        var page = Render<TicketPage>(p => p.Add(x => x.Token, "not-a-token"));
        page.WaitForAssertion(() => Assert.Contains(PortalText.Ja("Queue_TicketNotFound"), page.Markup));
        Assert.Empty(page.FindAll("[data-testid=ticket-number]"));
        Assert.Empty(page.FindAll("script"));
        Assert.Equal("/queue", page.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task In_English_the_texts_and_the_city_s_names_are_English_and_the_stream_is_asked_for_in_English()
    {
        var issued = await IssueAsync(ahead: 1);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        var page = Open(issued);

        Assert.Equal("Chuo Ward Office · Moving in or out", page.Find("[data-field=where]").TextContent);
        Assert.Equal((PortalText.En("Queue_StateWaiting"), "1"), (page.Find("[data-field=headline]").TextContent, page.Find("[data-testid=people-ahead]").TextContent));
        Assert.Matches(@"^\d+ to \d+ min$", page.Find("[data-testid=estimate]").TextContent);
        Assert.EndsWith("?culture=en", page.Find("[data-ticket]").GetAttribute("data-events"));
        Assert.Contains(string.Format(PortalText.En("Queue_NotifyNear"), 3), page.Find("[data-testid=notify-near]").TextContent);
    }

    [Fact]
    public async Task The_notice_form_posts_to_the_endpoint_with_an_e_mail_field_and_says_what_was_asked_for()
    {
        var issued = await IssueAsync(ahead: 5);
        await World.Service.SubscribeAsync(issued.Token, TicketNoticeKind.Near,
            new NoticeRecipient.Address(NoticeChannel.Email, "hanako@example.jp", "ja"), Ct);

        var page = Open(issued);

        var form = page.Find("form[data-once]");
        Assert.Equal(("post", $"/queue/t/{issued.Token}/notify"), (form.GetAttribute("method"), form.GetAttribute("action")));
        // Its token (the HTTP tests post with it; bUnit has none to render).
        Assert.NotNull(page.FindComponent<Microsoft.AspNetCore.Components.Forms.AntiforgeryToken>());
        Assert.Equal(("email", "email"), (page.Find("#notify-email").GetAttribute("type"), page.Find("#notify-email").GetAttribute("autocomplete")));
        Assert.Equal(("near", true), (page.Find("[data-testid=notify-near]").GetAttribute("value"), page.Find("[data-testid=notify-near]").HasAttribute("disabled")));
        Assert.False(page.Find("[data-testid=notify-called]").HasAttribute("disabled"));
        Assert.Equal("あと3人になったらお知らせします。", page.Find("[data-testid=notify-done]").TextContent);
        // This portal has no push key: no push button.
        Assert.Empty(page.FindAll("[data-push]"));
    }

    [Fact]
    public async Task A_refused_address_comes_back_as_a_message_beside_the_field()
    {
        var issued = await IssueAsync();

        var page = Open(issued, "?notify=email");

        var field = page.Find("#notify-email");
        Assert.Equal(("true", "notify-email-error notify-email-help"), (field.GetAttribute("aria-invalid"), field.GetAttribute("aria-describedby")));
        Assert.Equal(PortalText.Ja("Queue_NotifyEmailInvalid"), page.Find("#notify-email-error").TextContent);
    }

    [Fact]
    public async Task A_signed_in_resident_is_told_the_notice_comes_to_their_account_and_asked_for_no_address()
    {
        _auth.SetAuthorized("千葉 花子").SetRoles("Resident").SetClaims(new Claim(ClaimTypes.NameIdentifier, "42"));
        var issued = await IssueAsync();

        var page = Open(issued);

        Assert.Contains(PortalText.Ja("Queue_NotifyAccount"), page.Find("[data-notify]").TextContent);
        Assert.Empty(page.FindAll("#notify-email"));
    }
}
