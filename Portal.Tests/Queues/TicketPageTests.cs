using Bunit;
using Dapper;
using Portal.Core.Queues;
using Portal.Web.Queues;

namespace Portal.Tests.Queues;

/// <summary>The resident's ticket page in each state, changing live when the counter acts.</summary>
public sealed class TicketPageTests : QueuePageTest
{
    protected override Task ConfigureAsync()
    {
        AddAuthorization();
        return Task.CompletedTask;
    }

    private async Task<(IssuedTicket Ticket, IRenderedComponent<TicketPage> Page)> OpenAsync(int ahead = 0)
    {
        for (var i = 0; i < ahead; i++) await World.IssueAsync();
        var issued = await World.Service.IssueAsync(World.OfficeId, World.Moving.Id, TicketLane.WalkIn, Ct);
        var page = Render<TicketPage>(p => p.Add(x => x.Token, issued.Token));
        page.WaitForAssertion(() => Assert.Contains(issued.Ticket.Display, page.Find("[data-testid=ticket-number]").TextContent));
        return (issued, page);
    }

    [Fact]
    public async Task A_waiting_ticket_shows_its_number_people_ahead_and_a_wait_range()
    {
        var (issued, page) = await OpenAsync(ahead: 2);

        Assert.Equal("A003", page.Find("[data-testid=ticket-number]").TextContent);
        Assert.Contains("中央区役所 · 転入・転出", page.Markup);
        Assert.Equal("2人", page.Find("[data-testid=people-ahead]").TextContent);
        Assert.Matches(@"^\d+〜\d+分$", page.Find("[data-testid=estimate]").TextContent);
        Assert.Contains("お待ちください", page.Find("[data-testid=ticket-state]").TextContent);
        Assert.Contains("精度は高くありません", page.Markup); // no counter open, no history
        Assert.DoesNotContain(issued.Token, page.Markup);
    }

    [Fact]
    public async Task When_the_counter_calls_the_ticket_the_page_says_which_counter_without_reloading()
    {
        var (_, page) = await OpenAsync();
        var staff = await World.AtCounterAsync(1);

        await World.Service.CallNextAsync(staff, Ct);

        page.WaitForAssertion(() => Assert.Contains("2番窓口へお越しください", page.Find("[data-testid=ticket-state]").TextContent));
        Assert.Contains("A001", page.Find("[data-testid=now-calling]").TextContent);
    }

    [Fact]
    public async Task People_ahead_go_down_live_as_others_are_called()
    {
        var (_, page) = await OpenAsync(ahead: 2);
        var staff = await World.AtCounterAsync(0);

        var first = await World.Service.CallNextAsync(staff, Ct);

        page.WaitForAssertion(() => Assert.Equal("1人", page.Find("[data-testid=people-ahead]").TextContent));
        Assert.Contains(first!.Display, page.Find("[data-testid=now-calling]").TextContent);
    }

    [Fact]
    public async Task Served_and_no_show_tickets_say_so_and_offer_no_notices()
    {
        var (served, page) = await OpenAsync();
        var staff = await World.AtCounterAsync(0);
        await World.Service.CallNextAsync(staff, Ct);
        await World.Service.FinishAsync(staff, served.Ticket.Id, Ct);
        page.WaitForAssertion(() => Assert.Contains("受付終了", page.Find("[data-testid=ticket-state]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=notify-near]"));

        var (missed, second) = await OpenAsync();
        await World.Service.CallNextAsync(staff, Ct);
        await World.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await World.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await World.Service.NoShowAsync(staff, missed.Ticket.Id, Ct);
        second.WaitForAssertion(() => Assert.Contains("不在のため終了", second.Find("[data-testid=ticket-state]").TextContent));
    }

    [Fact]
    public void An_unknown_or_malformed_token_shows_that_the_ticket_is_not_found()
    {
        var page = Render<TicketPage>(p => p.Add(x => x.Token, "not-a-token"));
        page.WaitForAssertion(() => Assert.Contains("有効期限", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=ticket-number]"));
    }

    [Fact]
    public async Task A_resident_without_an_account_asks_for_an_e_mail_when_three_are_ahead()
    {
        var (issued, page) = await OpenAsync(ahead: 5);

        page.Find("[data-testid=notify-near]").Click();
        page.WaitForAssertion(() => Assert.Contains("メールアドレスを正しく入力するか", page.Markup));

        page.Find("input[type=email]").Change("hanako@example.jp");
        page.Find("[data-testid=notify-near]").Click();

        page.WaitForAssertion(() => Assert.Contains("あと3人になったらお知らせします。", page.Find("[data-testid=notify-done]").TextContent));
        await using var connection = await World.Db.OpenAsync(Ct);
        Assert.Equal("hanako@example.jp", await connection.ExecuteScalarAsync<string>(
            "SELECT Destination FROM QueueNoticeSubscription WHERE TicketId = @Id AND Kind = 'Near'", new { issued.Ticket.Id }));
    }

    [Fact]
    public async Task A_call_at_the_counter_re_renders_the_live_part_alone_not_the_page_with_its_notice_form()
    {
        var (_, page) = await OpenAsync(ahead: 2);
        var live = page.FindComponent<TicketLive>();
        // A rendered component counts its children's renders too: the form's button stands for the rest of the page.
        var button = page.FindComponents<MudBlazor.MudButton>()[0];
        var (buttonRenders, liveRenders) = (button.RenderCount, live.RenderCount);
        var staff = await World.AtCounterAsync(0);

        await World.Service.CallNextAsync(staff, Ct);

        page.WaitForAssertion(() => Assert.Equal("1人", page.Find("[data-testid=people-ahead]").TextContent));
        Assert.True(live.RenderCount > liveRenders);
        Assert.Equal(buttonRenders, button.RenderCount);
        Assert.NotEmpty(page.FindAll("[data-testid=notify-near]"));
    }

    [Fact]
    public void The_ticket_layouts_shared_theme_renders_what_MudBlazors_theme_provider_renders()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var mud = Render<MudBlazor.MudThemeProvider>(p => p.Add(x => x.Theme, Portal.Web.Shell.PortalTheme.Theme).Add(x => x.ObserveSystemDarkModeChange, false));
        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, Portal.Web.Shell.PortalTheme.Theme).Add(x => x.ObserveSystemDarkModeChange, false));
        var again = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, Portal.Web.Shell.PortalTheme.Theme).Add(x => x.ObserveSystemDarkModeChange, false));

        Assert.Matches("--mud-palette-primary: *(#00589c|rgba?\\(0, *88, *156)", mud.Markup);
        Assert.Equal(mud.Markup, shared.Markup);
        Assert.Equal(shared.Markup, again.Markup);
    }
}
