using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Queues.Admin;
using Portal.Web.Security;

namespace Portal.Tests.Queues;

/// <summary>Admins set up services, counters and settings from the admin page.</summary>
public sealed class QueueAdminTests : QueuePageTest
{
    private const string Admin = "admin@city.chiba.jp";

    protected override Task ConfigureAsync()
    {
        Services.AddScoped<RequestOrigin>();
        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized(Admin).SetRoles("Admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Email, Admin));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_admin_adds_a_service_with_its_prefix_and_a_taken_prefix_is_refused()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));

        page.Find("[data-testid=service-code]").Change("tax");
        page.Find("[data-testid=service-name-ja]").Change("税証明");
        page.Find("[data-testid=service-name-en]").Change("Tax certificates");
        page.Find("[data-testid=service-prefix]").Change("b");
        page.Find("[data-testid=save-service]").Click();
        page.WaitForAssertion(() => Assert.Contains("既にあります", page.Find("[data-testid=admin-error]").TextContent));

        page.Find("[data-testid=service-prefix]").Change("t");
        page.Find("[data-testid=save-service]").Click();

        page.WaitForAssertion(() => Assert.Contains("税証明", page.Markup));
        var tax = (await World.Setup.ListServicesAsync(World.OfficeId, Ct)).Single(s => s.Code == "tax");
        Assert.Equal(('T', LocalizedText.Of("税証明", "Tax certificates"), true), (tax.Prefix, tax.Name, tax.Active));
    }

    [Fact]
    public async Task A_service_s_name_is_written_in_every_language_side_by_side_and_a_long_one_is_refused_under_its_field()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        Assert.Equal(OfferedLanguages.Standard.All, page.FindAll("#service-name input").Select(i => i.Id!["service-name-".Length..]));

        page.Find("[data-testid=service-code]").Change("tax");
        page.Find("[data-testid=service-prefix]").Change("t");
        foreach (var language in OfferedLanguages.Standard.All)
            page.Find($"[data-testid=service-name-{language}]").Change("税証明 " + language);
        var last = OfferedLanguages.Standard.All[^1];
        page.Find($"[data-testid=service-name-{last}]").Change(new string('x', OfficeServiceValidator.MaxNameLength + 1));
        page.Find("[data-testid=save-service]").Click();

        page.WaitForAssertion(() => Assert.Contains("長すぎ", page.Find($"#service-name-{last}-error").TextContent));
        Assert.Equal("true", page.Find($"#service-name-{last}").GetAttribute("aria-invalid"));
        Assert.Equal("税証明 ja", page.Find("#service-name-ja").GetAttribute("value"));
        Assert.DoesNotContain(await World.Setup.ListServicesAsync(World.OfficeId, Ct), s => s.Code == "tax");

        page.Find($"[data-testid=service-name-{last}]").Change("税証明 " + last);
        page.Find("[data-testid=save-service]").Click();

        var tax = await Eventually.ValueAsync(async () => (await World.Setup.ListServicesAsync(World.OfficeId, Ct)).FirstOrDefault(s => s.Code == "tax"));
        Assert.All(OfferedLanguages.Standard.All, language => Assert.Equal("税証明 " + language, tax.Name.Exact(language)));
    }

    [Fact]
    public async Task Each_list_counts_the_names_a_language_lacks_and_shows_only_those_when_asked()
    {
        var others = OfferedLanguages.Standard.All.Where(l => l != "ja").ToList();
        var counter = await World.Setup.SaveCounterAsync(new Counter(0, World.OfficeId, LocalizedText.Of("相談窓口"), 9, true, [World.Moving.Id]), Ct);
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("相談窓口", page.Markup));

        // Two seeded counters are written in Japanese and English; the new one only in Japanese.
        foreach (var language in others)
        {
            var expected = (await World.Setup.ListCountersAsync(World.OfficeId, Ct)).Count(c => !c.Name.Has(language));
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                page.Find($"[data-testid=counters-missing-{language}]").GetAttribute("data-missing"));
        }
        Assert.Empty(page.FindAll("[data-testid=counters-missing-ja]"));

        var filter = others[^1];
        var lacking = (await World.Setup.ListCountersAsync(World.OfficeId, Ct)).Where(c => !c.Name.Has(filter)).Select(c => $"counter-{c.Id}").ToList();
        Assert.Contains($"counter-{counter}", lacking);
        page.Find($"[data-testid=counters-missing-{filter}]").Click();
        page.WaitForAssertion(() => Assert.Equal(lacking, page.FindAll("[data-testid=counters] tbody tr").Select(r => r.GetAttribute("data-testid"))));
        Assert.Equal("true", page.Find($"[data-testid=counters-missing-{filter}]").GetAttribute("aria-pressed"));
        Assert.Contains("相談窓口", page.Find("[data-testid=counters] tbody").TextContent);

        page.Find("[data-testid=counters-missing-all]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=counters] tbody tr").Count));
    }

    [Fact]
    public async Task The_closed_days_show_the_coming_year_s_holidays_by_law_beside_the_days_admins_closed()
    {
        await World.Setup.AddClosedDayAsync(new ClosedDay(new DateOnly(2026, 12, 7), World.OfficeId, "庁舎点検"), Ct);
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("庁舎点検", page.Markup));

        // Today is 25 November 2026 in Japan: a year ahead holds the 17 holidays of 2027, worked out, none stored.
        var lines = page.FindAll(".queue-closed-list li").Select(li => (Kind: li.GetAttribute("data-testid"), Text: li.TextContent.Trim())).ToList();
        Assert.Equal(18, lines.Count);
        Assert.Equal(("closed-day", true), (lines[0].Kind, lines[0].Text.StartsWith("2026/12/07", StringComparison.Ordinal)));
        Assert.Equal(17, lines.Count(l => l.Kind == "national-holiday"));
        Assert.StartsWith("2027/01/01 (金) 元日", lines[1].Text);
        Assert.Contains(lines, l => l.Text.StartsWith("2027/03/22 (月) 振替休日", StringComparison.Ordinal));
        Assert.StartsWith("2027/11/23 (火) 勤労感謝の日", lines[^1].Text);
        // Only the day an admin closed can be removed.
        Assert.Single(page.FindAll(".queue-closed-list button"));
    }

    [Fact]
    public async Task An_admin_changes_the_notice_threshold_and_recalls()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        page.Find("[data-testid=threshold]").Change("5");
        page.Find("[data-testid=recalls]").Change("1");
        page.Find("[data-testid=save-settings]").Click();
        // The snackbar renders in its provider: the stored settings are what count.
        var saved = await Eventually.ValueAsync(async () => await World.Setup.GetSettingsAsync("chuo", Ct) is { NoticeThreshold: 5 } s ? s : null);
        Assert.Equal(new OfficeQueueSettings("chuo", 5, 1), saved);
    }

    [Fact]
    public async Task An_admin_chooses_the_languages_of_the_office_s_board_and_none_returns_it_to_the_city_s()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        Assert.Equal(OfferedLanguages.Standard.All, page.FindAll("[data-testid=board-languages] input[type=checkbox]").Select(i => i.GetAttribute("value")));
        page.Find("[data-testid=board-language-vi]").Change(true);
        page.Find("[data-testid=board-language-ja]").Change(true);
        page.Find("[data-testid=save-settings]").Click();

        // Kept in the portal's order of languages, whatever order they were ticked in.
        var saved = await Eventually.ValueAsync(async () => await World.Setup.GetSettingsAsync("chuo", Ct) is { BoardLanguages.Count: > 0 } s ? s : null);
        Assert.Equal(["ja", "vi"], saved.BoardLanguages);

        var again = Render<QueueAdmin>();
        again.WaitForAssertion(() => Assert.True(again.Find("[data-testid=board-language-vi]").HasAttribute("checked")));
        Assert.Equal(["ja", "vi"], again.FindAll("[data-testid=board-languages] input[checked]").Select(i => i.GetAttribute("value")));
        again.Find("[data-testid=board-language-vi]").Change(false);
        again.Find("[data-testid=board-language-ja]").Change(false);
        again.Find("[data-testid=save-settings]").Click();
        var cleared = await Eventually.ValueAsync(async () => await World.Setup.GetSettingsAsync("chuo", Ct) is { BoardLanguages: null } s ? s : null);
        Assert.Null(cleared.BoardLanguages);
    }

    [Fact]
    public async Task A_closed_day_added_and_removed_on_the_page_is_audited_with_the_admin()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        var reason = "点検 " + Guid.NewGuid().ToString("N")[..6];
        var picker = page.FindComponent<MudDatePicker>();
        await page.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 7)));
        page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "理由").Find("input").Change(reason);
        page.Find("[data-testid=add-closed]").Click();

        page.WaitForAssertion(() => Assert.Contains(reason, page.Find("[data-testid=closed-day]").TextContent));
        var added = Assert.Single(await World.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.ClosedDayAdded), Ct));
        Assert.Equal((Admin, "chuo", $"date=2026-12-07 reason={reason}"), (added.ActorName, added.EntityId, added.Detail));

        page.Find("[data-testid=closed-day] button").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=closed-day]")));
        Assert.Equal(Admin, Assert.Single(await World.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.ClosedDayRemoved), Ct)).ActorName);
    }

    [Fact]
    public async Task Hours_that_close_before_they_open_are_refused_on_the_page_and_good_ones_are_audited()
    {
        var page = Render<QueueAdmin>();
        page.WaitForAssertion(() => Assert.Contains("転入・転出", page.Markup));
        var before = await World.Setup.ListHoursAsync(World.OfficeId, Ct);
        var closes = page.FindComponents<MudTextField<string>>().Where(f => f.Instance.Label == "終了").ToList();
        closes[0].Find("input").Change("08:00");
        page.Find("[data-testid=save-hours]").Click();

        page.WaitForAssertion(() => Assert.Contains("HH:mm", page.Find("[data-testid=admin-error]").TextContent));
        Assert.Equal(before, await World.Setup.ListHoursAsync(World.OfficeId, Ct));

        closes[0].Find("input").Change("12:00");
        page.Find("[data-testid=save-hours]").Click();
        var saved = await Eventually.ValueAsync(async () => (await World.Setup.ListHoursAsync(World.OfficeId, Ct)).FirstOrDefault(h => h.Day == DayOfWeek.Monday && h.Closes.Hour == 12));
        Assert.Equal(new TimeOnly(12, 0), saved.Closes);
        Assert.Equal(Admin, Assert.Single(await World.AuditLog.SearchAsync(new AuditQuery(Action: QueueSetupAudit.HoursSaved), Ct)).ActorName);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=admin-error]")));
    }
}
