using Portal.Core.Languages;

namespace Portal.Core.Queues;

/// <summary>
/// One kind of business at one ward office's counters (転入・転出, 証明書, 国民健康保険, ...), with its own line.
/// Its tickets are numbered with <see cref="Prefix"/> ("A012"); <see cref="FastLane"/> lets residents who
/// applied online beforehand be placed ahead of walk-ins. Its name is a city text in every language the city writes.
/// </summary>
public sealed record OfficeService(
    long Id,
    string OfficeId,
    string Code,
    LocalizedText Name,
    char Prefix,
    bool FastLane,
    int DefaultServiceMinutes,
    bool Active,
    int SortOrder)
{
    /// <summary>Is the input a valid prefix letter: one upper-case Latin letter.</summary>
    public static bool IsValidPrefix(char prefix) => prefix is >= 'A' and <= 'Z';
}

/// <summary>
/// A counter (窓口) of an office; it serves one or more of the office's services. Its name ("3番窓口", "Counter 3") is a
/// city text: boards, tickets and notices say it in their reader's language. Two counters of an office never share
/// their Japanese name.
/// </summary>
public sealed record Counter(long Id, string OfficeId, LocalizedText Name, int SortOrder, bool Active, IReadOnlyList<long> ServiceIds)
{
    public bool Serves(long serviceId) => ServiceIds.Contains(serviceId);
}

/// <summary>
/// An office's queue rules that admins set. <see cref="BoardLanguages"/>: the languages its calling board alternates,
/// in order (language tags such as "ja", "vi"); empty means the city's default (Queues:BoardLanguages).
/// </summary>
public sealed record OfficeQueueSettings(string OfficeId, int NoticeThreshold, int RecallsBeforeNoShow, IReadOnlyList<string>? BoardLanguages = null)
{
    /// <summary>The most languages a board alternates: more would leave each on the screen too rarely to be read.</summary>
    public const int MaxBoardLanguages = 6;

    public const int DefaultNoticeThreshold = 3;
    public const int DefaultRecallsBeforeNoShow = 2;
    public const int MaxNoticeThreshold = 50;
    public const int MaxRecallsBeforeNoShow = 10;

    public static OfficeQueueSettings Default(string officeId) => new(officeId, DefaultNoticeThreshold, DefaultRecallsBeforeNoShow);

    /// <summary>A language tag the board can store: not empty, at most 16 characters, no comma (the stored list's separator).</summary>
    public static bool IsBoardLanguage(string tag) => tag.Length is > 0 and <= 16 && !tag.Contains(',');

    /// <summary>The same ranges as <see cref="QueueSettingsValidator"/>; the repository refuses settings outside them.</summary>
    public bool IsValid => NoticeThreshold is >= 1 and <= MaxNoticeThreshold && RecallsBeforeNoShow is >= 0 and <= MaxRecallsBeforeNoShow
        && (BoardLanguages ?? []).Count <= MaxBoardLanguages && (BoardLanguages ?? []).All(IsBoardLanguage);
}

/// <summary>A staff member at a counter, serving the chosen services; paused counters call nobody.</summary>
public sealed record CounterSession(long Id, long CounterId, long AccountId, IReadOnlyList<long> ServiceIds, bool Paused,
    DateTimeOffset StartedUtc, DateTimeOffset? EndedUtc)
{
    public bool IsOpen => EndedUtc is null && !Paused;
}
