using Portal.Core.Languages;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Languages;

/// <summary>
/// Every city text the portal seeds for offices, queues and report categories (the migrations' reference data and the
/// Development demo's services and counters) is written in every language the portal offers, and its easy Japanese
/// follows the rules: a reading over every kanji, short sentences.
/// </summary>
public sealed class SeededCityTextTests : IDisposable
{
    /// <summary>
    /// The languages issue 16 has the city's seeded texts written in; the portal may offer them before or after these
    /// seeds are read, so the seeds are checked against both this list and what the portal offers.
    /// </summary>
    private static readonly string[] WrittenIn = ["ja", "ja-Easy", "en", "zh-Hans", "ko", "vi"];

    private static IEnumerable<string> Expected => OfferedLanguages.Standard.All.Union(WrittenIn, StringComparer.OrdinalIgnoreCase);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _test = TestDatabase.CreateSqlite();

    public void Dispose() => _test.Dispose();

    private async Task<IReadOnlyList<(string What, LocalizedText Text)>> SeededAsync()
    {
        var offices = await new OfficeRepository(_test.Database).ListAsync(Ct);
        var categories = await new ReportCategoryRepository(_test.Database).ListAsync(includeInactive: true, Ct);
        return
        [
            .. offices.SelectMany(o => new[] { ($"office {o.Id} name", o.Name), ($"office {o.Id} address", o.Address) }),
            .. categories.Select(c => ($"category {c.Code}", c.Name)),
            .. DemoQueues.Services.Select(s => ($"demo service {s.Code}", s.Name)),
            .. Enumerable.Range(1, 6).Select(n => ($"demo counter {n}", DemoQueues.CounterName(n))),
        ];
    }

    [Fact]
    public async Task Every_seeded_office_category_service_and_counter_is_written_in_every_language()
    {
        var seeded = await SeededAsync();

        Assert.Equal(6 * 2 + 13 + 5 + 6, seeded.Count);
        var missing = seeded.SelectMany(s => s.Text.MissingIn(Expected).Select(l => $"{s.What}: {l}")).ToList();
        Assert.True(missing.Count == 0, "Not written: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Seeded_easy_Japanese_has_a_reading_over_every_kanji_and_short_sentences()
    {
        foreach (var (what, text) in await SeededAsync())
        {
            var easy = text.Exact(Language.EasyJapanese);
            Assert.False(easy is null, $"{what} has no easy Japanese");
            Assert.True(!RubyText.KanjiWithoutReading(easy).Any(), $"{what}: kanji without a reading in \"{easy}\"");
            Assert.All(RubyText.Plain(easy).Split('。', '！', '？'), sentence => Assert.True(sentence.Length <= 50, $"{what}: \"{sentence}\" is long"));
            Assert.NotEqual(text.Japanese, easy);
        }
    }

    [Fact]
    public async Task Seeded_texts_in_other_languages_are_written_for_them_not_copied_from_Japanese()
    {
        // Chinese may share an office's kanji with Japanese (中央区役所 is the sign over its door); English, Korean and
        // Vietnamese never do.
        foreach (var (what, text) in await SeededAsync())
            foreach (var language in new[] { "en", "ko", "vi" })
                Assert.True(text.Exact(language) != text.Japanese && !text.Exact(language)!.Any(RubyText.IsKanji), $"{what} in {language}: {text.Exact(language)}");
    }
}
