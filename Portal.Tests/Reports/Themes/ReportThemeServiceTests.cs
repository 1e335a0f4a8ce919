using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Themes;
using Portal.Tests.Reports.Staff;

namespace Portal.Tests.Reports.Themes;

/// <summary>
/// Theme reports through the services over a real database: administrators open, change and close themes (audited);
/// residents report into an open theme, and a report the theme cannot take is refused with the theme's reason, at the
/// moment it is submitted.
/// </summary>
public sealed class ReportThemeServiceTests : IDisposable
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private static readonly DateOnly Today = new(2026, 11, 25); // StaffTestWorld.Now is 25 November, 12:00 in Japan.
    private readonly StaffTestWorld _world = new();

    public void Dispose() => _world.Dispose();

    private async Task<Actor> AdminAsync() => StaffTestWorld.ActorOf(await _world.StaffAsync("管理 太郎", role: Role.Admin));

    private async Task<ReportTheme> OpenThemeAsync(List<string>? wards = null, DateOnly? end = null)
    {
        var input = ReportThemeValidatorTests.Valid();
        input.Code = $"t-{Guid.NewGuid():N}"[..14];
        input.StartDate = Today.AddDays(-3);
        input.EndDate = end ?? Today.AddDays(10);
        input.CategoryCodes = ["road-sidewalk", "road-street-light"];
        input.WardIds = wards ?? [];
        var saved = await _world.Themes.SaveAsync(await AdminAsync(), input, creating: true, Ct);
        Assert.True(saved.Succeeded, string.Join(", ", saved.Errors.Select(e => e.ErrorMessage)));
        return saved.Value!;
    }

    private async Task<UserAccount> ResidentAsync()
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", Role.Resident, null, StaffTestWorld.Now.AddYears(-1));
        Assert.True(await _world.Accounts.CreateAsync(account, Ct));
        return account;
    }

    private static ReportDraft Draft(string? theme, string category = "road-sidewalk", GeoPoint? at = null) => new()
    {
        CategoryCode = category, Description = "見通しの悪い交差点です", Latitude = (at ?? StaffTestWorld.Chiba).Latitude,
        Longitude = (at ?? StaffTestWorld.Chiba).Longitude, ThemeCode = theme,
    };

    [Fact]
    public async Task A_report_into_an_open_theme_keeps_its_theme()
    {
        var theme = await OpenThemeAsync();

        var result = await _world.Service.SubmitAsync(Draft(theme.Code), await ResidentAsync(), "web", Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(theme.Code, (await _world.Reports.GetAsync(result.Value!.Id, Ct))!.ThemeCode);
    }

    [Fact]
    public async Task A_theme_that_closed_while_the_resident_typed_refuses_the_report_and_stores_nothing()
    {
        var theme = await OpenThemeAsync();
        var draft = Draft(theme.Code);
        Assert.True((await _world.Themes.CloseAsync(await AdminAsync(), theme.Code, Ct)).Succeeded);

        var result = await _world.Service.SubmitAsync(draft, await ResidentAsync(), "web", Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(ReportDraft.ThemeCode), ThemeErrors.Closed), (error.PropertyName, error.ErrorMessage));
        Assert.Equal(0, await _world.Reports.CountInboxAsync(new InboxFilter(ThemeCode: theme.Code), Ct));
    }

    [Fact]
    public async Task A_theme_ends_at_midnight_Japan_time_after_its_last_day()
    {
        var theme = await OpenThemeAsync(end: Today);
        var resident = await ResidentAsync();
        // 23:59 on 25 November in Japan: still open; 00:00 on the 26th: closed.
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 14, 59, 0, TimeSpan.Zero));
        Assert.True((await _world.Service.SubmitAsync(Draft(theme.Code), resident, "web", Ct)).Succeeded);

        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));
        var late = await _world.Service.SubmitAsync(Draft(theme.Code), resident, "web", Ct);

        Assert.Equal(ThemeErrors.Closed, Assert.Single(late.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_place_outside_the_theme_s_wards_is_refused_beside_the_map()
    {
        var theme = await OpenThemeAsync(wards: ["midori"]);

        var result = await _world.Service.SubmitAsync(Draft(theme.Code), await ResidentAsync(), "web", Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(ReportDraft.Latitude), ThemeErrors.OutsideArea), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public async Task A_category_the_theme_does_not_ask_for_is_refused()
    {
        var theme = await OpenThemeAsync();

        var result = await _world.Service.SubmitAsync(Draft(theme.Code, category: "litter-dumping"), await ResidentAsync(), "web", Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(ReportDraft.CategoryCode), ThemeErrors.CategoryNotInTheme), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public async Task Opening_changing_and_closing_a_theme_are_audited_and_an_unknown_category_is_refused()
    {
        var admin = await AdminAsync();
        var theme = await OpenThemeAsync();
        var change = ReportThemeInput.From(theme);
        change.CategoryCodes.Add("no-such-category");

        var refused = await _world.Themes.SaveAsync(admin, change, creating: false, Ct);
        Assert.Equal(ReportThemeKeys.UnknownCategory, Assert.Single(refused.Errors).ErrorMessage);

        change.CategoryCodes.Remove("no-such-category");
        change.WardIds = ["chuo"];
        Assert.True((await _world.Themes.SaveAsync(admin, change, creating: false, Ct)).Succeeded);
        Assert.True((await _world.Themes.CloseAsync(admin, theme.Code, Ct)).Succeeded);
        Assert.Equal(ThemeErrors.AlreadyClosed, Assert.Single((await _world.Themes.CloseAsync(admin, theme.Code, Ct)).Errors).ErrorMessage);

        var actions = (await _world.Audit.SearchAsync(new AuditQuery(EntityType: ReportThemeAuditActions.Entity, EntityId: theme.Code), Ct))
            .Select(a => a.Action).Order().ToList();
        Assert.Equal([ReportThemeAuditActions.Closed, ReportThemeAuditActions.Saved, ReportThemeAuditActions.Saved], actions);
        var stored = (await _world.Themes.GetAsync(theme.Code, Ct))!;
        Assert.Equal(["chuo"], stored.Area.WardIds);
        Assert.Equal(StaffTestWorld.Now, stored.ClosedUtc);
        Assert.DoesNotContain(await _world.Themes.OpenAsync(Ct), t => t.Code == theme.Code);
    }

    [Fact]
    public async Task The_reporter_s_correction_keeps_the_report_inside_its_theme()
    {
        var theme = await OpenThemeAsync(wards: ["chuo"]);
        var resident = await ResidentAsync();
        var report = (await _world.Service.SubmitAsync(Draft(theme.Code), resident, "web", Ct)).Value!;

        var otherCategory = await _world.Service.EditAsync(report.Id, resident.Id, "litter-dumping", "ごみです", StaffTestWorld.Chiba, Ct);
        var otherWard = await _world.Service.EditAsync(report.Id, resident.Id, "road-sidewalk", "段差です", new GeoPoint(35.638, 140.060), Ct);
        var inside = await _world.Service.EditAsync(report.Id, resident.Id, "road-street-light", "街灯が消えています", StaffTestWorld.Chiba, Ct);

        Assert.Equal(ThemeErrors.CategoryNotInTheme, Assert.Single(otherCategory.Errors).ErrorMessage);
        Assert.Equal(ThemeErrors.OutsideArea, Assert.Single(otherWard.Errors).ErrorMessage);
        Assert.True(inside.Succeeded);
        Assert.Equal(("road-street-light", theme.Code), ((await _world.Reports.GetAsync(report.Id, Ct))!.CategoryCode, (await _world.Reports.GetAsync(report.Id, Ct))!.ThemeCode));
    }

    [Fact]
    public async Task A_code_already_taken_is_refused()
    {
        var theme = await OpenThemeAsync();
        var again = ReportThemeInput.From(theme);

        var result = await _world.Themes.SaveAsync(await AdminAsync(), again, creating: true, Ct);

        Assert.Equal(ReportThemeKeys.CodeTaken, Assert.Single(result.Errors).ErrorMessage);
    }
}
