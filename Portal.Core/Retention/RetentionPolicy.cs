using Portal.Core.Time;

namespace Portal.Core.Retention;

/// <summary>The "Retention" configuration section: how long the portal keeps what it no longer needs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Days after a queue ticket's business day until its link to a person goes (the page token, account
    /// subscriptions, the ticket notices). A month leaves room for a complaint about a visit to be looked into.
    /// </summary>
    public int ClosedTicketDays { get; set; } = 30;

    /// <summary>
    /// Years an audit record is kept. Five years covers the city's document retention for routine administrative
    /// records and the period in which a resident may ask who looked at their data.
    /// </summary>
    public int AuditYears { get; set; } = 5;

    /// <summary>Days a delivered notice and its delivery log are kept: a year answers "did I get told?" questions.</summary>
    public int DeliveredNoticeDays { get; set; } = 365;

    /// <summary>
    /// Hours a photo uploaded to a report form may wait for its report to be submitted. A day covers a resident who
    /// starts a report on the spot and finishes it at home; after it, the photo (its original carries where it was taken)
    /// is deleted by the next run.
    /// </summary>
    public int AbandonedUploadHours { get; set; } = 24;

    /// <summary>When the daily job runs, Japan time ("HH:mm"): at night, after the For You run at 02:00.</summary>
    public string RunAt { get; set; } = "03:30";

    /// <summary>Rows removed per write transaction, so the SQLite writer is never held for long.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>What the retention job removes; each kind has its own boundary.</summary>
public enum RetentionKind
{
    /// <summary>E-mail addresses and push devices given on a ticket page, for tickets of earlier business days.</summary>
    TicketAddresses,
    /// <summary>Notices sent to such an address (no account), with their deliveries, from earlier days.</summary>
    AddressNotices,
    /// <summary>Web Push devices registered on a ticket page without an account, no longer used by any ticket.</summary>
    TicketPushDevices,
    /// <summary>Tickets past the closed-ticket period: page token removed, remaining subscriptions deleted.</summary>
    ClosedTickets,
    /// <summary>Notices about such tickets sent to accounts ("ticket:…"), with their deliveries.</summary>
    TicketNotices,
    /// <summary>Notices whose deliveries are finished, past the delivered-notice period, with their deliveries.</summary>
    DeliveredNotices,
    /// <summary>Audit records past the audit period.</summary>
    AuditRecords,
    /// <summary>Photos uploaded to a report form and not attached to a submitted report within the upload period:
    /// the original, display and thumbnail files.</summary>
    AbandonedUploads,
}

/// <summary>The boundaries of one run: rows of a kind before its boundary are due.
/// <paramref name="TodayJapan"/>: addresses given for tickets of business days before it go;
/// <paramref name="TicketDaysBefore"/>: tickets of business days before it lose their link to a person.</summary>
public sealed record RetentionBoundaries(DateTimeOffset NowUtc, DateOnly TodayJapan, DateOnly TicketDaysBefore, IReadOnlyDictionary<RetentionKind, DateTimeOffset> BeforeUtc);

/// <summary>
/// The city's retention rule. Periods are counted in Japan calendar days and years (a year back from 29 February
/// is 28 February) and each boundary is the start of a Japan day, as a UTC instant; only abandoned uploads count hours.
/// </summary>
public sealed class RetentionPolicy
{
    public const int MinTicketDays = 1;
    public const int MinAuditYears = 1;
    public const int MinNoticeDays = 30;
    public const int MinUploadHours = 1;

    public RetentionPolicy(RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ClosedTicketDays < MinTicketDays) throw new ArgumentOutOfRangeException(nameof(options), "Retention:ClosedTicketDays must be at least 1.");
        if (options.AuditYears < MinAuditYears) throw new ArgumentOutOfRangeException(nameof(options), "Retention:AuditYears must be at least 1.");
        if (options.DeliveredNoticeDays < MinNoticeDays) throw new ArgumentOutOfRangeException(nameof(options), "Retention:DeliveredNoticeDays must be at least 30.");
        if (options.AbandonedUploadHours < MinUploadHours) throw new ArgumentOutOfRangeException(nameof(options), "Retention:AbandonedUploadHours must be at least 1.");
        if (options.BatchSize is < 1 or > 2_000) throw new ArgumentOutOfRangeException(nameof(options), "Retention:BatchSize must be 1 to 2000.");
        if (!TimeOnly.TryParseExact(options.RunAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
            throw new ArgumentOutOfRangeException(nameof(options), "Retention:RunAt must be a Japan time as HH:mm.");
        ClosedTicketDays = options.ClosedTicketDays;
        AuditYears = options.AuditYears;
        DeliveredNoticeDays = options.DeliveredNoticeDays;
        AbandonedUploadHours = options.AbandonedUploadHours;
        BatchSize = options.BatchSize;
        RunAt = at;
    }

    public int ClosedTicketDays { get; }
    public int AuditYears { get; }
    public int DeliveredNoticeDays { get; }
    public int AbandonedUploadHours { get; }
    public int BatchSize { get; }
    public TimeOnly RunAt { get; }

    public RetentionBoundaries BoundariesAt(DateTimeOffset nowUtc)
    {
        var today = DateOnly.FromDateTime(JapanTime.ToJapan(nowUtc).DateTime);
        var ticketDays = today.AddDays(-ClosedTicketDays);
        var startOfToday = JapanTime.StartOfDayUtc(today);
        var tickets = JapanTime.StartOfDayUtc(ticketDays);
        return new RetentionBoundaries(nowUtc, today, ticketDays, new Dictionary<RetentionKind, DateTimeOffset>
        {
            [RetentionKind.TicketAddresses] = startOfToday,
            [RetentionKind.AddressNotices] = startOfToday,
            [RetentionKind.TicketPushDevices] = startOfToday,
            [RetentionKind.ClosedTickets] = tickets,
            [RetentionKind.TicketNotices] = tickets,
            [RetentionKind.DeliveredNotices] = JapanTime.StartOfDayUtc(today.AddDays(-DeliveredNoticeDays)),
            [RetentionKind.AuditRecords] = JapanTime.StartOfDayUtc(today.AddYears(-AuditYears)),
            // Counted in hours from the upload, not Japan days: a photo is never deleted before the period has passed.
            [RetentionKind.AbandonedUploads] = nowUtc.AddHours(-AbandonedUploadHours),
        });
    }

    /// <summary>The next daily run at <see cref="RunAt"/> Japan time strictly after <paramref name="nowUtc"/>.</summary>
    public DateTimeOffset NextRunUtc(DateTimeOffset nowUtc) => JapanTime.NextDailyUtc(nowUtc, RunAt);
}
