using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Web.Reports;

/// <summary>
/// The names residents read for categories, wards and states, in the reader's language: the public pages'
/// companion of the back office's <see cref="Staff.ReportText"/>, whose key names it uses.
/// </summary>
public sealed class ReportText(IStringLocalizer l, IReadOnlyList<ReportCategory> categories, IReadOnlyList<WardOffice> offices)
{
    private ReportText? _written;

    /// <summary>A name for a page's content, easy Japanese's readings as &lt;ruby&gt;: <c>@_text.Html(t => t.Ward(id))</c>.</summary>
    public MarkupString Html(Func<ReportText, string> name) => Ruby.Html(name(_written ??= new ReportText(l.Written(), categories, offices)));

    public string Category(string code) => categories.FirstOrDefault(c => c.Code == code)?.Name.Text() ?? code;

    /// <summary>The category's name for a page's content, with its readings.</summary>
    public MarkupString CategoryHtml(string code) => categories.FirstOrDefault(c => c.Code == code)?.Name.Html() ?? Ruby.Html(code);

    public string Ward(string id) => offices.Any(o => o.Id == id) ? l[$"Ward_{id}"] : id;

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
