using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Routing;

namespace Portal.Web.Shell;

/// <summary>
/// Pages rendered as static HTML inside the main layout ([ExcludeFromInteractiveRouting] without
/// <c>@layout StaticLayout</c>: /points, /for-you, /reports): their read-only parts are plain markup sent once, so a
/// phone does not start a circuit that renders the whole page again; only the islands a tap needs (the bell, For You's
/// forms) run on the server, each as its own small interactive root.
/// </summary>
public static class StaticPage
{
    /// <summary>
    /// True while a page excluded from interactive routing renders (the layout and the page are static HTML); false
    /// on interactive pages, prerendered or live (there is no request then, or it accepts interactive routing).
    /// </summary>
    public static bool IsStatic(Microsoft.AspNetCore.Http.HttpContext? context) =>
        context is not null && !context.AcceptsInteractiveRouting();

    /// <summary>
    /// The render mode an island takes: Interactive Server on a static page; none (it inherits the page's) on an
    /// interactive page, where naming a mode again would make a second root inside the first.
    /// </summary>
    public static IComponentRenderMode? IslandMode(Microsoft.AspNetCore.Http.HttpContext? context) =>
        IsStatic(context) ? RenderMode.InteractiveServer : null;
}
