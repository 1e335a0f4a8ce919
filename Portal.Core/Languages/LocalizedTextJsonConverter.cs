using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Languages;

/// <summary>
/// A city text inside a larger JSON document (a benefit's content): an object of language code to text, as
/// <see cref="LocalizedText.ToJson"/> stores it, so the older two-language form {"ja":…,"en":…} reads unchanged.
/// A text without its Japanese (an optional text left blank) reads as null.
/// </summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString() is { Length: > 0 } plain && !string.IsNullOrWhiteSpace(plain) ? LocalizedText.Of(plain) : null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A city text is an object of language code to text.");
        var texts = new Dictionary<string, string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString() ?? throw new JsonException("A city text has an empty language code.");
            reader.Read();
            texts[language] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        }
        var japanese = texts.FirstOrDefault(t => string.Equals(t.Key, Language.Japanese, StringComparison.OrdinalIgnoreCase)).Value;
        return string.IsNullOrWhiteSpace(japanese) ? null : LocalizedText.From(texts);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var language in value.Languages) writer.WriteString(language, value.Exact(language));
        writer.WriteEndObject();
    }
}
