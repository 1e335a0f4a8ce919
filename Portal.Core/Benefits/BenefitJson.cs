using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Benefits;

/// <summary>The stored form of rules, content and test cases: JSON with enums by name, so a stored rule reads plainly.</summary>
public static class BenefitJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new Languages.LocalizedTextJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
}
