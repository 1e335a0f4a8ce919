using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Portal.Core.Languages;

namespace Portal.Web.Languages;

/// <summary>
/// Renders a text that may carry readings over its kanji (easy Japanese, <see cref="RubyText"/>): as HTML with
/// &lt;ruby&gt; where a page shows it, as plain text where only text goes (attributes, titles, notices).
/// </summary>
public static partial class Ruby
{
    // Japanese, Chinese, Korean and Vietnamese text stays as it is; only HTML's own characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The text as HTML, every part encoded, readings as &lt;ruby&gt;base&lt;rt&gt;reading&lt;/rt&gt;&lt;/ruby&gt;.</summary>
    public static MarkupString Html(string? text)
    {
        if (string.IsNullOrEmpty(text)) return new MarkupString("");
        if (!RubyText.HasReadings(text)) return new MarkupString(Encoder.Encode(text));
        var html = new StringBuilder(text.Length * 2);
        foreach (var segment in RubyText.Parse(text))
        {
            if (segment.Reading is null)
            {
                html.Append(Encoder.Encode(segment.Text));
                continue;
            }
            html.Append("<ruby>").Append(Encoder.Encode(segment.Text))
                .Append("<rp>(</rp><rt>").Append(Encoder.Encode(segment.Reading)).Append("</rt><rp>)</rp></ruby>");
        }
        return new MarkupString(html.ToString());
    }

    /// <summary>
    /// HTML whose text still carries readings (easy-Japanese Markdown, rendered): each reading becomes &lt;ruby&gt; in the
    /// text between tags; tags and attributes are left as they are. The text is already encoded, so nothing is encoded again.
    /// </summary>
    public static string InHtml(string html)
    {
        if (!RubyText.HasReadings(html)) return html;
        var result = new StringBuilder(html.Length * 2);
        var at = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            AppendText(html[at..tag.Index]);
            result.Append(tag.Value);
            at = tag.Index + tag.Length;
        }
        AppendText(html[at..]);
        return result.ToString();

        void AppendText(string text)
        {
            foreach (var segment in RubyText.Parse(text))
                if (segment.Reading is null) result.Append(segment.Text);
                else result.Append("<ruby>").Append(segment.Text).Append("<rp>(</rp><rt>").Append(segment.Reading).Append("</rt><rp>)</rp></ruby>");
        }
    }

    /// <summary>Plain text encoded for HTML, non-Latin letters kept as they are.</summary>
    public static string Encode(string text) => Encoder.Encode(text);

    /// <summary>The text without its readings.</summary>
    public static string Plain(string? text) => text is null ? "" : RubyText.Plain(text);

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
