using MudBlazor;

namespace Portal.Web.Shell;

/// <summary>The portal's colours: a deep city blue with contrast above WCAG AA on white, and Japanese-first fonts.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00589c",
            Secondary = "#00796b",
            AppbarBackground = "#00589c",
            AppbarText = "#ffffff",
            Background = "#f7f9fb",
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
