using Portal.Core.Languages;
using Portal.Web.Hosting;

namespace Portal.Web.Queues.Kiosk;

/// <summary>
/// Which language a calling board shows at a moment: each of its languages in turn, each for the same time, counted
/// from the clock rather than from when the board was opened, so every board in a hall changes language together.
/// </summary>
public sealed class BoardLanguageCycle
{
    /// <summary>What the city's boards show unless configured otherwise (Queues:BoardLanguages).</summary>
    public static readonly IReadOnlyList<string> DefaultLanguages = [PortalCultures.Japanese, PortalCultures.English];

    public static readonly TimeSpan DefaultEach = TimeSpan.FromSeconds(8);

    private readonly OfferedLanguages _offered;

    /// <param name="languages">The languages to show in turn; those the application does not offer are left out.</param>
    /// <param name="offered">The application's languages.</param>
    public BoardLanguageCycle(IEnumerable<string>? languages, TimeSpan each, OfferedLanguages offered)
    {
        _offered = offered;
        var supported = (languages ?? []).Where(offered.IsOffered).Distinct(StringComparer.Ordinal).ToList();
        Languages = supported.Count > 0 ? supported : DefaultLanguages;
        Each = each >= TimeSpan.FromSeconds(1) ? each : DefaultEach;
    }

    /// <summary>The languages in the order shown; unsupported names in the configuration are left out.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>How long each language stays on the screen.</summary>
    public TimeSpan Each { get; }

    public static BoardLanguageCycle From(QueueOptions options, OfferedLanguages offered) =>
        new(options.BoardLanguages, TimeSpan.FromSeconds(options.BoardLanguageSeconds), offered);

    /// <summary>The same cycle over an office's own languages (its board's choice), at the same pace.</summary>
    public BoardLanguageCycle For(IEnumerable<string>? languages) => new(languages, Each, _offered);

    public string At(DateTimeOffset now) => Languages[(int)(now.ToUnixTimeMilliseconds() / (long)Each.TotalMilliseconds % Languages.Count)];
}
