using System.Security.Claims;
using Bunit;
using Portal.Web.Queues.Kiosk;
using Portal.Web.Security;

namespace Portal.Tests.Queues;

/// <summary>The kiosk's ticket machine and calling board, bound to the kiosk account's office.</summary>
public sealed class KioskScreenTests : QueuePageTest
{
    protected override Task ConfigureAsync()
    {
        AddAuthorization().SetAuthorized("kiosk@city.chiba.jp").SetRoles("Kiosk").SetClaims(new Claim(PortalClaims.Office, World.OfficeId));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Touching_a_service_issues_a_ticket_with_its_number_QR_code_and_link_to_the_ticket_page()
    {
        await World.IssueAsync();
        var machine = Render<TicketMachine>();
        machine.WaitForAssertion(() => Assert.Contains("待ち1人", machine.Find("[data-testid=issue-moving]").TextContent));

        machine.Find("[data-testid=issue-moving]").Click();

        machine.WaitForAssertion(() => Assert.Equal("A002", machine.Find("[data-testid=receipt-number]").TextContent));
        Assert.Equal("1人", machine.Find("[data-testid=receipt-ahead]").TextContent);
        Assert.NotNull(machine.Find(".kiosk-qr svg"));
        var link = machine.Find("[data-testid=ticket-link]").GetAttribute("href")!;
        Assert.Matches(@"/queue/t/[A-Za-z0-9_-]{22}$", link);
        var status = await World.Service.StatusAsync(link[^22..], Ct);
        Assert.Equal("A002", status!.Ticket.Display);

        machine.Find("[data-testid=receipt-done]").Click();
        machine.WaitForAssertion(() => Assert.Contains("待ち2人", machine.Find("[data-testid=issue-moving]").TextContent));
    }

    [Fact]
    public async Task The_board_shows_a_called_number_with_its_counter_highlighted_as_the_newest()
    {
        await World.IssueAsync();
        await World.IssueAsync(World.Certificates);
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-waiting-moving]"));
        Assert.Equal("1人", board.Find("[data-testid=board-waiting-moving]").TextContent);

        var staff = await World.AtCounterAsync(0);
        await World.Service.CallNextAsync(staff, Ct);

        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-A001]").ClassName));
        Assert.Contains("1番窓口", board.Find("[data-testid=board-A001]").TextContent);
        Assert.Equal("0人", board.Find("[data-testid=board-waiting-moving]").TextContent);

        var other = await World.AtCounterAsync(1);
        await World.Service.CallNextAsync(other, Ct);
        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-B001]").ClassName));
        Assert.DoesNotContain("board-newest", board.Find("[data-testid=board-A001]").ClassName);
    }
}
