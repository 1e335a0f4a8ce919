using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Web.Queues.Kiosk;

/// <summary>One sentence the board says aloud: its text and the speech language (a BCP 47 tag the browser's voices use).</summary>
public sealed record Utterance(string Lang, string Text);

/// <summary>
/// What the calling board says aloud after the chime when a number is called or called again: in Japanese, then in the
/// office's second language (the first of the board's languages that is not Japanese), e.g. 「A 12番の方、3番窓口へ
/// お越しください。」 and "Number A 12, please come to Counter 3." The number is said as its letter and its value, so a
/// voice reads 「エー じゅうに」 rather than a string of digits.
/// </summary>
public static class BoardCallOut
{
    public static IReadOnlyList<Utterance> For(CalledTicket called, IReadOnlyList<string> boardLanguages, IStringLocalizer<SharedResource> text)
    {
        var spoken = new List<string> { PortalCultures.Japanese };
        if (boardLanguages.FirstOrDefault(l => !Language.IsJapanese(l)) is { } second) spoken.Add(second);
        return spoken.Select(language =>
        {
            var screen = new ScreenLanguage(text, language);
            return new Utterance(SpeechTag(language), screen.Format("Queue_CallOut", Number(called.Display), called.CounterName.Text(language)));
        }).ToList();
    }

    /// <summary>"A012" as said: "A 12".</summary>
    internal static string Number(string display) =>
        display.Length > 1 && int.TryParse(display.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? $"{display[0]} {number.ToString(CultureInfo.InvariantCulture)}"
            : display;

    /// <summary>The language of the voice: a region where the bare language would leave the browser guessing.</summary>
    internal static string SpeechTag(string language) => language switch
    {
        "ja" => "ja-JP",
        "en" => "en-US",
        "zh-Hans" => "zh-CN",
        "ko" => "ko-KR",
        "vi" => "vi-VN",
        _ => language,
    };
}
