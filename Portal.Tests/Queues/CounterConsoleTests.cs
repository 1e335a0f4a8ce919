using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Core.Audit;
using Portal.Core.Queues;
using Portal.Data.Audit;
using Portal.Tests.Live;
using Portal.Web.Queues.Staff;
using Portal.Web.Security;

namespace Portal.Tests.Queues;

/// <summary>The counter console: taking a counter, calling with buttons and keys, and what it refuses.</summary>
public sealed class CounterConsoleTests : QueuePageTest
{
    private Actor _staff = null!;

    protected override async Task ConfigureAsync()
    {
        _staff = await World.StaffAsync();
        Services.AddSingleton<IAuditLog>(new AuditLogRepository(World.Db));
        Services.AddScoped<RequestOrigin>();
        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized(_staff.Name).SetRoles("Staff").SetClaims(
            new Claim(ClaimTypes.NameIdentifier, _staff.AccountId!.Value.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, _staff.Name),
            new Claim(PortalClaims.Office, World.OfficeId));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<CounterConsole> AtCounter()
    {
        var page = Render<CounterConsole>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='counter-1番窓口']")));
        page.Find("[data-testid='counter-1番窓口']").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=take-counter]"));
        page.Find("[data-testid=take-counter]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=desk-current]"));
        return page;
    }

    private static readonly Dictionary<string, string[]> LinesTexts = new()
    {
        [ReaderCulture.Japanese] = ["担当業務の待ち状況", "転入・転出", "待ち人数"],
        [ReaderCulture.English] = ["Your lines", "Moving in or out", "Waiting"],
    };

    [Theory]
    [InlineData(ReaderCulture.Japanese)]
    [InlineData(ReaderCulture.English)]
    public async Task The_lines_stay_in_the_staff_member_s_language_when_a_colleague_in_another_calls(string reader)
    {
        ReaderCulture.Use(reader);
        await World.IssueAsync();
        await World.IssueAsync();
        var colleague = await World.AtCounterAsync(1);
        var page = AtCounter();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=line-waiting]").TextContent));

        await ReaderCulture.ElsewhereAsync(ReaderCulture.Other(reader), () => World.Service.CallNextAsync(colleague, Ct));

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=line-waiting]").TextContent));
        ReaderCulture.AssertIn(reader, page.Find(".queue-desk").TextContent, LinesTexts);
    }

    [Fact]
    public async Task Staff_take_a_counter_call_the_next_number_and_finish_it()
    {
        var ticket = await World.IssueAsync();
        var page = AtCounter();

        Assert.Contains("N", page.Find("[data-testid=call-next]").TextContent);
        page.Find("[data-testid=call-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("A001", page.Find("[data-testid=desk-current]").TextContent));
        Assert.Equal(TicketState.Called, (await World.Tickets.GetAsync(ticket.Id, Ct))!.State);

        page.Find("[data-testid=finish]").Click();
        page.WaitForAssertion(() => Assert.Contains("対応中の番号はありません", page.Find("[data-testid=desk-current]").TextContent));
        Assert.Equal(TicketState.Served, (await World.Tickets.GetAsync(ticket.Id, Ct))!.State);
    }

    [Fact]
    public async Task Every_action_has_a_key_and_no_show_opens_only_after_the_recalls()
    {
        var ticket = await World.IssueAsync();
        var page = AtCounter();

        await page.InvokeAsync(() => page.Instance.ShortcutAsync("N"));
        page.WaitForAssertion(() => Assert.Equal("A001", page.Find("[data-testid=desk-current]").TextContent));
        Assert.True(page.Find("[data-testid=no-show]").HasAttribute("disabled"));
        Assert.Contains("2回再呼び出しした後", page.Markup);

        await page.InvokeAsync(() => page.Instance.ShortcutAsync("R"));
        await page.InvokeAsync(() => page.Instance.ShortcutAsync("R"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=no-show]").HasAttribute("disabled")));
        await page.InvokeAsync(() => page.Instance.ShortcutAsync("X"));

        page.WaitForAssertion(() => Assert.Equal(TicketState.NoShow, World.Tickets.GetAsync(ticket.Id, Ct).Result!.State));
        foreach (var id in new[] { "call-next", "recall", "serve", "finish", "no-show", "transfer", "pause", "leave" })
            Assert.NotNull(page.Find($"[data-testid={id}] kbd"));
    }

    [Fact]
    public async Task A_new_ticket_shows_in_the_counters_lines_without_reloading()
    {
        var page = AtCounter();
        Assert.Equal("0", page.FindAll("[data-testid=line-waiting]")[0].TextContent);

        await World.Service.IssueAsync(World.OfficeId, World.Moving.Id, TicketLane.WalkIn, Ct);

        page.WaitForAssertion(() => Assert.Equal("1", page.FindAll("[data-testid=line-waiting]")[0].TextContent));
    }

    [Fact]
    public async Task A_paused_counter_cannot_call()
    {
        await World.IssueAsync();
        var page = AtCounter();
        page.Find("[data-testid=pause]").Click();
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=call-next]").HasAttribute("disabled")));
        await page.InvokeAsync(() => page.Instance.ShortcutAsync("N"));
        Assert.Contains("対応中の番号はありません", page.Find("[data-testid=desk-current]").TextContent);
    }
}
