using MudBlazor;

namespace Portal.Web.Shell;

/// <summary>The portal's colours: a deep city blue with contrast above WCAG AA on white, and Japanese-first fonts.</summary>
public static class PortalTheme
{
    /// <summary>The city blue of the app bar, also the installed app's theme colour (Shell/Pwa/WebManifest).</summary>
    public const string Blue = "#00589c";

    /// <summary>The page background, also the installed app's splash screen.</summary>
    public const string Background = "#f7f9fb";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Blue,
            Secondary = "#00796b",
            // MudBlazor's default green (#00c853) and red (#f44336) carry white text below WCAG AA contrast (2.2:1, 3.7:1).
            Success = "#2e7d32",
            Error = "#c62828",
            // MudBlazor's default info blue and warning orange carry white text below 4.5:1.
            Info = "#1565c0",
            Warning = "#8a5a00",
            AppbarBackground = Blue,
            AppbarText = "#ffffff",
            Background = PortalTheme.Background,
            TextSecondary = "rgba(0,0,0,0.7)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", "system-ui", "sans-serif"],
            },
        },
    };
}
