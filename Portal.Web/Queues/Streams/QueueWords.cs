using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Web.Languages;
using Portal.Web.Notifications;

namespace Portal.Web.Queues.Streams;

/// <summary>
/// A text of the light queue pages, made once and kept: as the page renders it (easy Japanese's readings as
/// &lt;ruby&gt;), and as its stream sends it, plain text encoded as JSON and, when it has readings, its segments
/// (<c>["あなたの ",["番号","ばんごう"]]</c>: a string is plain text, a pair a base with its reading), so that a live
/// update keeps the readings the page was drawn with.
/// </summary>
public sealed class LiveText
{
    public LiveText(string written)
    {
        Written = written;
        Json = JsonEncodedText.Encode(RubyText.Plain(written), QueueWords.Encoder);
        Ruby = RubyText.HasReadings(written) ? SegmentsOf(written) : null;
    }

    /// <summary>The text as its source writes it, readings marked (市役所《しやくしょ》).</summary>
    public string Written { get; }

    /// <summary>The plain text, encoded for a JSON string.</summary>
    public JsonEncodedText Json { get; }

    /// <summary>The segments as UTF-8 JSON, or null for a text without readings.</summary>
    public byte[]? Ruby { get; }

    /// <summary>For a page's content.</summary>
    public MarkupString Html => Languages.Ruby.Html(Written);

    public override string ToString() => Json.Value;

    private static byte[] SegmentsOf(string written)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = QueueWords.Encoder }))
        {
            json.WriteStartArray();
            foreach (var segment in RubyText.Parse(written))
            {
                if (segment.Reading is null)
                {
                    json.WriteStringValue(segment.Text);
                    continue;
                }
                json.WriteStartArray();
                json.WriteStringValue(segment.Text);
                json.WriteStringValue(segment.Reading);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// The light queue pages' words in one language, read from the resources once. The few texts made from numbers and
/// names ("3人", "15〜25分", "2番窓口へお越しください", an office and service) are kept once made, already encoded as JSON,
/// so that a change at an office costs each of its open pages a lookup, not a format and an encode. Nothing here reads
/// the thread's culture: the language is the one the page was opened in.
/// </summary>
public sealed class QueueWords
{
    /// <summary>Japanese and every other script as UTF-8, not as \u escapes; HTML-sensitive characters still escaped.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>More distinct texts than a day of six offices makes: past it the caches start again rather than grow.</summary>
    private const int CacheLimit = 16_384;

    private readonly string _peopleCount, _waitAbout, _waitRange, _calledTo, _counter;
    /// <summary>More people ahead than any ward office's day brings: past it the text is made each time.</summary>
    private const int MaxPeopleKept = 100_000;

    private LiveText?[] _people = new LiveText?[64];
    private readonly Lock _peopleGrowing = new();
    private readonly Kept<(int, int)> _waits = new();
    private readonly Kept<string> _texts = new(StringComparer.Ordinal);
    // By the names' instances: the ones a snapshot of the office holds, met again by every page of the office.
    private readonly Kept<(LocalizedText, LocalizedText?)> _places = new(SameNames.Instance);

    /// <param name="text">A resource as written in this language, easy Japanese's readings included.</param>
    internal QueueWords(int index, string language, CultureInfo culture, Func<string, string> text)
    {
        Index = index;
        Culture = culture;
        Language = language;
        LiveText Encode(string key) => new(text(key));
        Waiting = Encode("Queue_StateWaiting");
        Served = Encode("Queue_StateServed");
        ServedHint = Encode("Queue_ServedThanks");
        NoShow = Encode("Queue_StateNoShow");
        NoShowHint = Encode("Queue_NoShowHint");
        GivenBack = Encode("Queue_StateGivenBack");
        GivenBackHint = Encode("Queue_GivenBackHint");
        CalledHint = Encode("Queue_CalledHint");
        Uncertain = Encode("Queue_EstimateUncertain");
        WaitNone = Encode("Queue_WaitNone");
        ClosedNow = Encode("Queue_ClosedNow");
        _bands = [Encode("Queue_BandUnder20"), Encode("Queue_Band20To40"), Encode("Queue_BandOver40")];
        _peopleCount = text("Queue_PeopleCount");
        _waitAbout = text("Queue_WaitAbout");
        _waitRange = text("Queue_WaitRange");
        _calledTo = text("Queue_CalledTo");
        _counter = text("Queue_Counter");
    }

    /// <summary>Its place in <see cref="QueueWordBook.All"/>.</summary>
    public int Index { get; }

    public CultureInfo Culture { get; }

    /// <summary>The portal language these words are in: the one city texts (office, service, counter names) are read in.</summary>
    public string Language { get; }

    public LiveText Waiting { get; }
    public LiveText Served { get; }
    public LiveText ServedHint { get; }
    public LiveText NoShow { get; }
    public LiveText NoShowHint { get; }
    public LiveText GivenBack { get; }
    public LiveText GivenBackHint { get; }
    public LiveText CalledHint { get; }
    public LiveText Uncertain { get; }
    public LiveText WaitNone { get; }
    public LiveText ClosedNow { get; }
    private readonly LiveText[] _bands;

    /// <summary>
    /// "3人" / "3". Kept by count in an array that grows with the longest line met: a line of 5,000 gives 5,000
    /// distinct counts in one broadcast, more than a size-limited cache holds, and a miss there locked the whole cache.
    /// </summary>
    public LiveText People(int count)
    {
        if (count is < 0 or > MaxPeopleKept) return PeopleText(count);
        var kept = Volatile.Read(ref _people);
        if (count < kept.Length && kept[count] is { } text) return text;
        lock (_peopleGrowing)
        {
            kept = _people;
            if (count >= kept.Length)
            {
                Array.Resize(ref kept, Math.Min(MaxPeopleKept + 1, Math.Max(count + 1, kept.Length * 2)));
                Volatile.Write(ref _people, kept);
            }
            return kept[count] ??= PeopleText(count);
        }
    }

    private LiveText PeopleText(int count) => new(string.Format(Culture, _peopleCount, count));

    /// <summary>The wait as a range of minutes, "about" when narrow, "very soon" when nothing is left.</summary>
    public LiveText Wait(WaitEstimate estimate)
    {
        var (low, high) = QueueText.Minutes(estimate);
        if (high == 0) return WaitNone;
        return _waits.Get((low, high), this, static (m, words) => new LiveText(m.Item1 == m.Item2
            ? string.Format(words.Culture, words._waitAbout, m.Item2)
            : string.Format(words.Culture, words._waitRange, m.Item1, m.Item2)));
    }

    /// <summary>"2番窓口へお越しください"; the word for counter when the counter's name is not known.</summary>
    public LiveText CalledTo(LocalizedText? counter) => Text(string.Format(Culture, _calledTo, counter is null ? _counter : Written(counter)));

    public LiveText Band(WaitBand band) => _bands[(int)band];

    /// <summary>
    /// A city text (an office's, service's or counter's name) in this language, or the next in its fallback chain,
    /// made once: the cache holds it by the text this language reads.
    /// </summary>
    public LiveText Name(LocalizedText name) => Text(Written(name));

    /// <summary>"中央区役所 · 転入・転出".</summary>
    public LiveText Where(LocalizedText office, LocalizedText? service) =>
        _places.Get((office, service), this, static (names, words) =>
            words.Text(names.Item2 is null ? words.Written(names.Item1) : words.Written(names.Item1) + " · " + words.Written(names.Item2)));

    private string Written(LocalizedText text) => text.For(Language);

    /// <summary>Any text of the pages (a counter's name, say), made once.</summary>
    public LiveText Text(string text) => _texts.Get(text, this, static (t, _) => new LiveText(t));

    /// <summary>
    /// Texts made once and kept, nothing allocated on a hit (the makers are static). Past <see cref="CacheLimit"/> additions
    /// it starts again rather than grow; the count is its own, since a dictionary's Count locks the whole dictionary.
    /// </summary>
    private sealed class Kept<TKey>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, LiveText> _texts = new(comparer);
        private int _added;

        public LiveText Get(TKey key, QueueWords words, Func<TKey, QueueWords, LiveText> make)
        {
            if (_texts.TryGetValue(key, out var text)) return text;
            if (Interlocked.Increment(ref _added) > CacheLimit)
            {
                _texts.Clear();
                Volatile.Write(ref _added, 1);
            }
            return _texts.GetOrAdd(key, make(key, words));
        }
    }

    /// <summary>An office's and a service's names compared as instances: cheap, and a name edited since is a new instance.</summary>
    private sealed class SameNames : IEqualityComparer<(LocalizedText, LocalizedText?)>
    {
        public static readonly SameNames Instance = new();

        public bool Equals((LocalizedText, LocalizedText?) x, (LocalizedText, LocalizedText?) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((LocalizedText, LocalizedText?) names) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(names.Item1), names.Item2 is null ? 0 : RuntimeHelpers.GetHashCode(names.Item2));
    }
}

/// <summary>The queue pages' words in each of the application's languages (<see cref="OfferedLanguages"/>), read once.</summary>
public sealed class QueueWordBook
{
    public QueueWordBook(IStringLocalizer<SharedResource> localizer, OfferedLanguages languages)
    {
        All = languages.All.Select((name, index) =>
        {
            // The words read every text in their constructor, in this scope's language.
            using var scope = CultureScope.Use(name);
            return new QueueWords(index, name, languages.CultureOf(name),
                key => localizer is IReadingsLocalizer readings ? readings.WithReadings(key) : localizer[key]);
        }).ToArray();
    }

    public IReadOnlyList<QueueWords> All { get; }

    /// <summary>The words of the portal language closest to <paramref name="culture"/>; Japanese for any other.</summary>
    public QueueWords For(CultureInfo culture) =>
        All.FirstOrDefault(w => w.Culture.Name == culture.Name)
        ?? All.FirstOrDefault(w => w.Culture.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName)
        ?? All[0];
}
