using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;
using Portal.Web.Shell;

namespace Portal.Web.Queues;

/// <summary>
/// <see cref="MudThemeProvider"/> for <see cref="PortalTheme.Theme"/> whose markup (its style elements, the theme's
/// CSS among them, about 12,000 characters) is built once for the whole server: each circuit's render tree then
/// points at one shared string instead of holding its own copy, 24 KB of every open ticket page. The markup is
/// MudThemeProvider's own, read from its render tree the first time (tested to be the same).
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static string? _markup;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // For a layout that neither sets dark mode nor observes the system's (the portal has one light palette).
        if (!ReferenceEquals(Theme, PortalTheme.Theme) || (_markup ??= MarkupOf(base.BuildRenderTree)) is not { Length: > 0 } markup)
        {
            base.BuildRenderTree(builder);
            return;
        }
        builder.AddMarkupContent(0, markup);
    }

    /// <summary>The markup a render tree consists of, or "" when it holds anything but markup and whitespace.</summary>
    private static string MarkupOf(Action<RenderTreeBuilder> build)
    {
        using var tree = new RenderTreeBuilder();
        build(tree);
        var frames = tree.GetFrames();
        var markup = new System.Text.StringBuilder();
#pragma warning disable BL0006 // Reading the render tree's frames: markup and text only, as rendered.
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType == RenderTreeFrameType.Markup) markup.Append(frame.MarkupContent);
            else if (frame.FrameType == RenderTreeFrameType.Text && string.IsNullOrWhiteSpace(frame.TextContent)) markup.Append(frame.TextContent);
            else return "";
        }
#pragma warning restore BL0006
        return markup.ToString();
    }
}
