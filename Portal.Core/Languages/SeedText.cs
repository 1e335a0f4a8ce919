namespace Portal.Core.Languages;

/// <summary>
/// City texts as the portal's seeded data writes them: one text in each language the portal ships with, in a fixed
/// order (Japanese, easy Japanese with readings, English, Simplified Chinese, Korean, Vietnamese). Reference and demo
/// data only; what administrators write goes through their editors, in whatever languages are offered.
/// </summary>
public static class SeedText
{
    public const string SimplifiedChinese = "zh-Hans", Korean = "ko", Vietnamese = "vi";

    /// <summary>The languages every seeded text is written in.</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [Language.Japanese, Language.EasyJapanese, Language.English, SimplifiedChinese, Korean, Vietnamese];

    public static LocalizedText Of(string ja, string easyJa, string en, string zhHans, string ko, string vi) =>
        LocalizedText.From(Languages.Zip([ja, easyJa, en, zhHans, ko, vi], (language, text) => KeyValuePair.Create(language, (string?)text)));
}
