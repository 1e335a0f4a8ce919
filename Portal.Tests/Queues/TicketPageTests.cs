using System.Globalization;
using Bunit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Offices;
using Portal.Web.Live;
using Portal.Web.Queues;

namespace Portal.Tests.Queues;

/// <summary>The resident's ticket page in each state, changing live when the counter acts.</summary>
public sealed class TicketPageTests : BunitContext, IAsyncLifetime
{
    private QueueWorld _world = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public TicketPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization();
    }

    public async ValueTask InitializeAsync()
    {
        _world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        _world.Signals.Forward = new LiveQueueSignals(bus);
        Services.AddSingleton<ILiveBus>(bus);
        Services.AddSingleton(_world.Service);
        Services.AddSingleton<IOfficeRepository>(new OfficeRepository(_world.Db));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _world.Dispose();
    }

    private async Task<(IssuedTicket Ticket, IRenderedComponent<TicketPage> Page)> OpenAsync(int ahead = 0)
    {
        for (var i = 0; i < ahead; i++) await _world.IssueAsync();
        var issued = await _world.Service.IssueAsync(_world.OfficeId, _world.Moving.Id, TicketLane.WalkIn, Ct);
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
        var staff = await _world.AtCounterAsync(1);

        await _world.Service.CallNextAsync(staff, Ct);

        page.WaitForAssertion(() => Assert.Contains("2番窓口へお越しください", page.Find("[data-testid=ticket-state]").TextContent));
        Assert.Contains("A001", page.Find("[data-testid=now-calling]").TextContent);
    }

    [Fact]
    public async Task People_ahead_go_down_live_as_others_are_called()
    {
        var (_, page) = await OpenAsync(ahead: 2);
        var staff = await _world.AtCounterAsync(0);

        var first = await _world.Service.CallNextAsync(staff, Ct);

        page.WaitForAssertion(() => Assert.Equal("1人", page.Find("[data-testid=people-ahead]").TextContent));
        Assert.Contains(first!.Display, page.Find("[data-testid=now-calling]").TextContent);
    }

    [Fact]
    public async Task Served_and_no_show_tickets_say_so_and_offer_no_notices()
    {
        var (served, page) = await OpenAsync();
        var staff = await _world.AtCounterAsync(0);
        await _world.Service.CallNextAsync(staff, Ct);
        await _world.Service.FinishAsync(staff, served.Ticket.Id, Ct);
        page.WaitForAssertion(() => Assert.Contains("受付終了", page.Find("[data-testid=ticket-state]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=notify-near]"));

        var (missed, second) = await OpenAsync();
        await _world.Service.CallNextAsync(staff, Ct);
        await _world.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await _world.Service.RecallAsync(staff, missed.Ticket.Id, Ct);
        await _world.Service.NoShowAsync(staff, missed.Ticket.Id, Ct);
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
        page.WaitForAssertion(() => Assert.Contains("メールアドレスを正しく入力してください", page.Markup));

        page.Find("input[type=email]").Change("hanako@example.jp");
        page.Find("[data-testid=notify-near]").Click();

        page.WaitForAssertion(() => Assert.Contains("あと3人になったらお知らせします。", page.Find("[data-testid=notify-done]").TextContent));
        await using var connection = await _world.Db.OpenAsync(Ct);
        Assert.Equal("hanako@example.jp", await connection.ExecuteScalarAsync<string>(
            "SELECT Destination FROM QueueNoticeSubscription WHERE TicketId = @Id AND Kind = 'Near'", new { issued.Ticket.Id }));
    }
}
