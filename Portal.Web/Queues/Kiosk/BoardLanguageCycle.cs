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

    public BoardLanguageCycle(IEnumerable<string>? languages, TimeSpan each)
    {
        var supported = (languages ?? []).Where(PortalCultures.IsSupported).Distinct(StringComparer.Ordinal).ToList();
        Languages = supported.Count > 0 ? supported : DefaultLanguages;
        Each = each >= TimeSpan.FromSeconds(1) ? each : DefaultEach;
    }

    /// <summary>The languages in the order shown; unsupported names in the configuration are left out.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>How long each language stays on the screen.</summary>
    public TimeSpan Each { get; }

    public static BoardLanguageCycle From(QueueOptions options) => new(options.BoardLanguages, TimeSpan.FromSeconds(options.BoardLanguageSeconds));

    public string At(DateTimeOffset now) => Languages[(int)(now.ToUnixTimeMilliseconds() / (long)Each.TotalMilliseconds % Languages.Count)];
}
