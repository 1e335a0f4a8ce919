using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Audit;
using Portal.Web.Audit;
using Portal.Web.Languages;

namespace Portal.Tests.Audit;

public sealed class AuditSearchPageTests : BunitContext
{
    private sealed class RecordingLog : IAuditLog
    {
        public List<AuditQuery> Queries { get; } = [];
        public List<AuditEntry> Entries { get; } = [];
        public Task AppendAsync(AuditEntry entry, CancellationToken ct) => Task.CompletedTask;
        public Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken ct)
        {
            Queries.Add(query);
            return Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Skip(query.Skip).Take(query.Take).ToList());
        }
        public Task<int> CountAsync(AuditQuery query, CancellationToken ct) => Task.FromResult(Entries.Count);
    }

    private readonly RecordingLog _log = new();

    public AuditSearchPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        Services.AddSingleton<IAuditLog>(_log);
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("admin@city.jp").SetRoles("Admin");
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void Records_show_in_Japan_time_with_who_what_and_from_where()
    {
        _log.Entries.Add(new AuditEntry(1, new DateTimeOffset(2026, 11, 25, 15, 5, 0, TimeSpan.Zero), 3, "sato@city.jp", "Admin",
            AuditActions.AccountDisabled, AuditEntities.Account, "42", null, "192.0.2.7"));

        var page = Render<AuditSearch>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        var cells = page.FindAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("2026/11/26 0:05", cells[0]);
        Assert.StartsWith("sato@city.jp", cells[1]);
        Assert.Equal("account.disabled", cells[2]);
        Assert.Equal("account #42", cells[3]);
        Assert.Equal("192.0.2.7", cells[5]);
    }

    [Fact]
    public void An_empty_search_says_so()
    {
        var page = Render<AuditSearch>();
        page.WaitForAssertion(() => Assert.Contains("該当するものはありません。", page.Markup));
        Assert.Equal(new AuditQuery(Skip: 0, Take: 50), Assert.Single(_log.Queries));
    }
}
