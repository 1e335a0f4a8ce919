using System.Globalization;
using FluentValidation.Results;
using Portal.Core.Audit;
using Portal.Core.Offices;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Themes;

public static class ReportThemeAuditActions
{
    public const string Saved = "report-theme.saved";
    public const string Closed = "report-theme.closed";
    public const string Entity = "report-theme";
}

/// <summary>
/// Theme reports (issue 17, item 5): administrators open and change themes (checked by <see cref="ReportThemeValidator"/>,
/// its categories and wards the city's own) and close one early; every change is audited. Residents read the open ones;
/// whether a report may go into one is the theme's own rule (<see cref="ReportTheme.Refusal"/>), checked by
/// <see cref="ReportService"/> when the report is submitted.
/// </summary>
public sealed class ReportThemeService(IReportThemeRepository themes, IReportCategoryRepository categories, IOfficeRepository offices,
    AuditTrail audit, TimeProvider time)
{
    public Task<IReadOnlyList<ReportTheme>> ListAsync(CancellationToken ct) => themes.ListAsync(ct);

    public Task<ReportTheme?> GetAsync(string code, CancellationToken ct) => themes.GetAsync(code, ct);

    /// <summary>The themes open now, the soonest to end first.</summary>
    public async Task<IReadOnlyList<ReportTheme>> OpenAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (await themes.ListAsync(ct)).Where(t => t.IsOpen(now)).OrderBy(t => t.EndsUtc).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>An administrator opens a theme or changes one; the code of an existing theme never changes, nor its early close.</summary>
    public async Task<CommandResult<ReportTheme>> SaveAsync(Actor admin, ReportThemeInput input, bool creating, CancellationToken ct)
    {
        var validation = await new ReportThemeValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ReportTheme>.Fail(validation.Errors);
        var existing = await themes.GetAsync(input.Code.Trim(), ct);
        if (creating && existing is not null) return CommandResult<ReportTheme>.Fail(nameof(ReportThemeInput.Code), ReportThemeKeys.CodeTaken);
        if (!creating && existing is null) return CommandResult<ReportTheme>.Fail(nameof(ReportThemeInput.Code), ThemeErrors.Unknown);

        var known = (await categories.ListAsync(includeInactive: false, ct)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var wards = (await offices.ListAsync(ct)).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var failures = new List<ValidationFailure>();
        if (input.CategoryCodes.Any(c => !known.Contains(c)))
            failures.Add(new ValidationFailure(nameof(ReportThemeInput.CategoryCodes), ReportThemeKeys.UnknownCategory));
        if (input.WardIds.Any(w => !wards.Contains(w)))
            failures.Add(new ValidationFailure(nameof(ReportThemeInput.WardIds), ReportThemeKeys.UnknownWard));
        if (failures.Count > 0) return CommandResult<ReportTheme>.Fail(failures);

        var theme = input.ToTheme(existing?.ClosedUtc);
        await themes.SaveAsync(theme, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, ReportThemeAuditActions.Saved, ReportThemeAuditActions.Entity, theme.Code, Describe(theme, creating), ct);
        return CommandResult<ReportTheme>.Ok(theme);
    }

    /// <summary>An administrator ends a theme now, before its last day: it takes no more reports; those in it stay.</summary>
    public async Task<CommandResult<ReportTheme>> CloseAsync(Actor admin, string code, CancellationToken ct)
    {
        var theme = await themes.GetAsync(code, ct);
        if (theme is null) return CommandResult<ReportTheme>.Fail(nameof(ReportTheme.Code), ThemeErrors.Unknown);
        var now = time.GetUtcNow();
        if (now >= theme.EndsUtc) return CommandResult<ReportTheme>.Fail(nameof(ReportTheme.Code), ThemeErrors.AlreadyClosed);
        var closed = theme with { ClosedUtc = now };
        await themes.SaveAsync(closed, now, ct);
        await audit.RecordAsync(admin, ReportThemeAuditActions.Closed, ReportThemeAuditActions.Entity, code,
            string.Create(CultureInfo.InvariantCulture, $"closed early; was to end {theme.EndDate:yyyy-MM-dd}"), ct);
        return CommandResult<ReportTheme>.Ok(closed);
    }

    private static string Describe(ReportTheme t, bool creating)
    {
        var wards = t.Area.WardIds.Count == 0 ? "all" : string.Join(',', t.Area.WardIds);
        var circle = t.Area.Circle is { } c
            ? FormattableString.Invariant($" circle={c.Centre.Latitude:0.#####},{c.Centre.Longitude:0.#####},{c.RadiusMeters}m")
            : "";
        return FormattableString.Invariant(
            $"{(creating ? "created" : "updated")} period={t.StartDate:yyyy-MM-dd}..{t.EndDate:yyyy-MM-dd} categories={string.Join(',', t.CategoryCodes)} wards={wards}{circle}");
    }
}
