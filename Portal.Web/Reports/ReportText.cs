using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Web.Reports;

/// <summary>
/// The names residents read for categories, wards and states, in the reader's language: the public pages'
/// companion of the back office's <see cref="Staff.ReportText"/>, whose key names it uses.
/// </summary>
/// <param name="places">The towns and landmarks a place is named by; none: "near" the ward office.</param>
public sealed class ReportText(IStringLocalizer l, IReadOnlyList<ReportCategory> categories, IReadOnlyList<WardOffice> offices, Gazetteer? places = null)
{
    private ReportText? _written;

    /// <summary>A name for a page's content, easy Japanese's readings as &lt;ruby&gt;: <c>@_text.Html(t => t.Ward(id))</c>.</summary>
    public MarkupString Html(Func<ReportText, string> name) => Ruby.Html(name(_written ??= new ReportText(l.Written(), categories, offices, places)));

    public string Category(string code) => categories.FirstOrDefault(c => c.Code == code)?.Name.Text() ?? code;

    /// <summary>The category's name for a page's content, with its readings.</summary>
    public MarkupString CategoryHtml(string code) => categories.FirstOrDefault(c => c.Code == code)?.Name.Html() ?? Ruby.Html(code);

    public string Ward(string id) => offices.Any(o => o.Id == id) ? l[$"Ward_{id}"] : id;

    /// <summary>The place in words: its town, or near a landmark or the ward office (<see cref="PlaceText"/>).</summary>
    public string Place(GeoPoint at, string wardId) => l.Place(places ?? Gazetteer.None, offices, at, wardId);

    /// <summary>The ward, then the place in words, for a page's content: 「中央区 · 千葉駅の近く」.</summary>
    public MarkupString WhereHtml(GeoPoint at, string wardId) =>
        new($"{Html(t => t.Ward(wardId))} · {l.PlaceHtml(places ?? Gazetteer.None, offices, at, wardId)}");

    // The resource keys of the enums are named in one place, Staff.ReportText.
    public string Status(PublicStatus status) => Staff.ReportText.Public(l, status);

    public string Field(ReportField field) => Staff.ReportText.FieldName(l, field);

    public string Kind(ReportKind kind) => Staff.ReportText.KindName(l, kind);

    public static Color StatusColor(PublicStatus status) => status switch
    {
        PublicStatus.Received => Color.Error,
        PublicStatus.InProgress => Color.Warning,
        PublicStatus.Fixed => Color.Success,
        _ => Color.Default,
    };
}
