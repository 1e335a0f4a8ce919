using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Portal.Core.Text;
using Portal.Core.Time;

namespace Portal.Web.Reports.Open311;

/// <summary>One named value of an Open311 element, in the order the spec lists them.</summary>
internal readonly record struct Field(string Name, object? Value);

/// <summary>
/// Writes the same fields as GeoReport v2 JSON (an array of snake_case objects) or XML (a root element of
/// item elements), so the two formats can never drift apart. Every text goes out through
/// <see cref="SubmittedText.Clean"/>: a control character or a lone surrogate stored in one report (before any input
/// rule, or by another way in) must not make the feed invalid, or fail, for everyone.
/// </summary>
internal static class Open311Output
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsFormat(string? format) => format is Json or Xml;

    /// <summary>The format of a route value such as "json"; anything else falls back to JSON for the error that follows.</summary>
    public static string FormatOf(string? format) => format?.ToLowerInvariant() is Xml ? Xml : Json;

    /// <summary>W3C date-time in Japan time with its offset, for example 2026-11-25T12:00:00+09:00.</summary>
    public static string Time(DateTimeOffset utc) => JapanTime.ToJapan(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static IResult List(string format, string root, string item, IEnumerable<IReadOnlyList<Field>> items, int status = StatusCodes.Status200OK) =>
        format == Xml
            ? XmlResult(new XElement(root, items.Select(fields => Element(item, fields))), status)
            : JsonResult(w =>
            {
                w.WriteStartArray();
                foreach (var fields in items) WriteObject(w, fields);
                w.WriteEndArray();
            }, status);

    public static IResult Single(string format, string root, IReadOnlyList<Field> fields) =>
        format == Xml ? XmlResult(Element(root, fields), StatusCodes.Status200OK) : JsonResult(w => WriteObject(w, fields), StatusCodes.Status200OK);

    /// <summary>GeoReport v2 errors: a list of {code, description} with the same HTTP status.</summary>
    public static IResult Error(string format, int status, string description) =>
        List(format, "errors", "error", [[new Field("code", status), new Field("description", description)]], status);

    private static XElement Element(string name, IReadOnlyList<Field> fields) =>
        new(name, fields.Select(f => f.Value is IEnumerable<IReadOnlyList<Field>> children
            ? new XElement(f.Name, children.Select(c => Element(f.Name.TrimEnd('s'), c)))
            : new XElement(f.Name, XmlText(f.Value))));

    private static string XmlText(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => SubmittedText.Clean(value.ToString() ?? ""),
    };

    private static void WriteObject(Utf8JsonWriter w, IReadOnlyList<Field> fields)
    {
        w.WriteStartObject();
        foreach (var f in fields)
        {
            w.WritePropertyName(f.Name);
            switch (f.Value)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(SubmittedText.Clean(s)); break;
                case bool b: w.WriteBooleanValue(b); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case double d: w.WriteNumberValue(d); break;
                case IEnumerable<IReadOnlyList<Field>> children:
                    w.WriteStartArray();
                    foreach (var c in children) WriteObject(w, c);
                    w.WriteEndArray();
                    break;
                default: w.WriteStringValue(SubmittedText.Clean(f.Value.ToString() ?? "")); break;
            }
        }
        w.WriteEndObject();
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IResult JsonResult(Action<Utf8JsonWriter> write, int status)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions)) write(w);
        return Results.Text(buffer.ToArray(), "application/json; charset=utf-8", status);
    }

    private static IResult XmlResult(XElement root, int status)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(w);
        return Results.Text(buffer.ToArray(), "application/xml; charset=utf-8", status);
    }
}
