using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Offices;
using Portal.Web.Languages;

namespace Portal.Web.Reports;

/// <summary>
/// A report's place in words, for people who do not read coordinates: its town, or "near" its nearest landmark, or
/// "near" its ward office when no landmark is within reach (<see cref="Gazetteer"/>). Shown beside the ward and the map.
/// </summary>
public static class PlaceText
{
    /// <summary>The place as HTML, with easy Japanese's readings (an empty text when the ward office is unknown too).</summary>
    public static MarkupString PlaceHtml(this IStringLocalizer l, Gazetteer places, IReadOnlyList<WardOffice> offices, GeoPoint point, string? wardId) =>
        Describe(places, offices, point, wardId) switch
        {
            (PlaceKind.Town, { } town) => town.Html(),
            (_, { } near) => l.Html("Place_Near", near.Html()),
            _ => new MarkupString(""),
        };

    /// <summary>The place as plain text, for an attribute or a map marker's title.</summary>
    public static string Place(this IStringLocalizer l, Gazetteer places, IReadOnlyList<WardOffice> offices, GeoPoint point, string? wardId) =>
        Describe(places, offices, point, wardId) switch
        {
            (PlaceKind.Town, { } town) => town.Text(),
            (_, { } near) => l["Place_Near", near.Text()],
            _ => "",
        };

    /// <summary>The town, or what the place is near: a landmark, else the ward office (kind null).</summary>
    private static (PlaceKind? Kind, LocalizedText? Name) Describe(Gazetteer places, IReadOnlyList<WardOffice> offices, GeoPoint point, string? wardId) =>
        places.Name(point) is { } place
            ? (place.Kind, place.Name)
            : (null, offices.FirstOrDefault(o => o.Id == wardId)?.Name);
}
