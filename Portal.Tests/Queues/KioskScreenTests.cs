using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Offices;
using Portal.Web.Live;
using Portal.Web.Queues;
using Portal.Web.Queues.Kiosk;
using Portal.Web.Security;

namespace Portal.Tests.Queues;

/// <summary>The kiosk's ticket machine and calling board, bound to the kiosk account's office.</summary>
public sealed class KioskScreenTests : BunitContext, IAsyncLifetime
{
    private QueueWorld _world = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public KioskScreenTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async ValueTask InitializeAsync()
    {
        _world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        _world.Signals.Forward = new LiveQueueSignals(bus);
        Services.AddSingleton<ILiveBus>(bus);
        Services.AddSingleton(_world.Service);
        Services.AddSingleton<TimeProvider>(_world.Time);
        Services.AddSingleton<IOfficeRepository>(new OfficeRepository(_world.Db));
        AddAuthorization().SetAuthorized("kiosk@city.chiba.jp").SetRoles("Kiosk").SetClaims(new Claim(PortalClaims.Office, _world.OfficeId));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task Touching_a_service_issues_a_ticket_with_its_number_QR_code_and_link_to_the_ticket_page()
    {
        await _world.IssueAsync();
        var machine = Render<TicketMachine>();
        machine.WaitForAssertion(() => Assert.Contains("待ち1人", machine.Find("[data-testid=issue-moving]").TextContent));

        machine.Find("[data-testid=issue-moving]").Click();

        machine.WaitForAssertion(() => Assert.Equal("A002", machine.Find("[data-testid=receipt-number]").TextContent));
        Assert.Equal("1人", machine.Find("[data-testid=receipt-ahead]").TextContent);
        Assert.NotNull(machine.Find(".kiosk-qr svg"));
        var link = machine.Find("[data-testid=ticket-link]").GetAttribute("href")!;
        Assert.Matches(@"/queue/t/[A-Za-z0-9_-]{22}$", link);
        var status = await _world.Service.StatusAsync(link[^22..], Ct);
        Assert.Equal("A002", status!.Ticket.Display);

        machine.Find("[data-testid=receipt-done]").Click();
        machine.WaitForAssertion(() => Assert.Contains("待ち2人", machine.Find("[data-testid=issue-moving]").TextContent));
    }

    [Fact]
    public async Task The_board_shows_a_called_number_with_its_counter_highlighted_as_the_newest()
    {
        await _world.IssueAsync();
        await _world.IssueAsync(_world.Certificates);
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-waiting-moving]"));
        Assert.Equal("1人", board.Find("[data-testid=board-waiting-moving]").TextContent);

        var staff = await _world.AtCounterAsync(0);
        await _world.Service.CallNextAsync(staff, Ct);

        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-A001]").ClassName));
        Assert.Contains("1番窓口", board.Find("[data-testid=board-A001]").TextContent);
        Assert.Equal("0人", board.Find("[data-testid=board-waiting-moving]").TextContent);

        var other = await _world.AtCounterAsync(1);
        await _world.Service.CallNextAsync(other, Ct);
        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-B001]").ClassName));
        Assert.DoesNotContain("board-newest", board.Find("[data-testid=board-A001]").ClassName);
    }
}
