using Portal.Core.Languages;

namespace Portal.Tests;

/// <summary>A city text's form fields with only the Japanese written, as an administrator starts one.</summary>
public static class JapaneseFields
{
    public static Dictionary<string, string?> Of(string japanese) => CityTextFields.From(LocalizedText.Of(japanese));
}
