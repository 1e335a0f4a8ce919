namespace Portal.Web.Shell;

/// <summary>
/// A page served as plain server-rendered HTML with only the portal's own small stylesheet (css/light.css) and the
/// page's own script: <see cref="App"/> reads this from the endpoint's metadata and leaves out MudBlazor, Leaflet and
/// the Blazor runtime. For the public pages many phones hold open (the ticket page, crowding); use with
/// <c>[ExcludeFromInteractiveRouting]</c>, so that a link from an interactive page loads it as a whole page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LightPageAttribute : Attribute;
