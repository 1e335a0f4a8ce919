using System.Globalization;

namespace Portal.Web.Notifications;

/// <summary>
/// Runs text lookups in a notice's language rather than the request's: <c>using (CultureScope.Use(culture)) { ... }</c>
/// puts the caller's culture back at the end. The culture is one of the portal's languages, chosen by the caller
/// (a notice's, a resident's preference read through the application's <see cref="Portal.Core.Languages.OfferedLanguages"/>).
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(string? culture)
    {
        var info = Portal.Core.Languages.OfferedLanguages.CultureFor(culture);
        CultureInfo.CurrentCulture = info;
        CultureInfo.CurrentUICulture = info;
    }

    public static CultureScope Use(string? culture) => new(culture);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
