using System.Globalization;
using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Core.Queues;

/// <summary>The service form of the queue administration page: a new service of an office, or the changes to one.</summary>
public sealed class OfficeServiceInput
{
    public long Id { get; set; }
    public string Code { get; set; } = "";

    /// <summary>The name in each language (language code → text); Japanese is required, blank ones are not written yet.</summary>
    public Dictionary<string, string?> Name { get; set; } = CityTextFields.From(null);

    public string Prefix { get; set; } = "";
    public int Minutes { get; set; } = 10;
    public bool FastLane { get; set; }
    public bool Active { get; set; } = true;

    public static OfficeServiceInput From(OfficeService s) => new()
    {
        Id = s.Id, Code = s.Code, Name = CityTextFields.From(s.Name), Prefix = s.Prefix.ToString(), Minutes = s.DefaultServiceMinutes,
        FastLane = s.FastLane, Active = s.Active,
    };
}

/// <summary>The counter form: its name in each language and the services it serves.</summary>
public sealed class CounterInput
{
    public long Id { get; set; }

    /// <summary>The name in each language ("3番窓口", "Counter 3"); Japanese is required.</summary>
    public Dictionary<string, string?> Name { get; set; } = CityTextFields.From(null);

    public HashSet<long> Services { get; set; } = [];
    public bool Active { get; set; } = true;

    public static CounterInput From(Counter c) => new() { Id = c.Id, Name = CityTextFields.From(c.Name), Services = [.. c.ServiceIds], Active = c.Active };
}

public static class QueueSetupKeys
{
    public const string Invalid = "Queue_AdminInvalid";
    public const string Taken = "Queue_AdminTaken";
    public const string NameRequired = "QueueAdmin_NameJaRequired";
    public const string NameTooLong = "QueueAdmin_NameTooLong";
    public const string InvalidHours = "Queue_AdminInvalidHours";
}

/// <summary>
/// A service's code goes into links and statistics (lowercase letters, digits, hyphens); its prefix is one letter; its
/// name needs its Japanese text, and every language's text has the same limit.
/// </summary>
public sealed class OfficeServiceValidator : AbstractValidator<OfficeServiceInput>
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 100;
    public const int MaxMinutes = 240;

    public OfficeServiceValidator()
    {
        RuleFor(s => s.Code).Must(c => c.Trim().Length is >= 1 and <= MaxCodeLength).WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.Prefix).Must(p => p.Trim().Length == 1 && OfficeService.IsValidPrefix(char.ToUpperInvariant(p.Trim()[0])))
            .WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.Minutes).InclusiveBetween(1, MaxMinutes).WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.Name).CityText(MaxNameLength, QueueSetupKeys.NameRequired, QueueSetupKeys.NameTooLong);
    }
}

/// <summary>A counter serves at least one service; its name needs its Japanese text, each language at most 40 characters.</summary>
public sealed class CounterValidator : AbstractValidator<CounterInput>
{
    public const int MaxNameLength = 40;

    public CounterValidator()
    {
        RuleFor(c => c.Name).CityText(MaxNameLength, QueueSetupKeys.NameRequired, QueueSetupKeys.NameTooLong);
        RuleFor(c => c.Services).Must(s => s.Count > 0).WithMessage(QueueSetupKeys.Invalid);
    }
}

/// <summary>The notice and calling settings of an office: a notice when this many are ahead, recalls before a no-show, the board's languages.</summary>
public sealed class QueueSettingsInput
{
    public int NoticeThreshold { get; set; } = OfficeQueueSettings.DefaultNoticeThreshold;
    public int RecallsBeforeNoShow { get; set; } = OfficeQueueSettings.DefaultRecallsBeforeNoShow;

    /// <summary>Language tags in the order the board shows them; none means the city's default.</summary>
    public List<string> BoardLanguages { get; set; } = [];

    public static QueueSettingsInput From(OfficeQueueSettings s) => new()
    {
        NoticeThreshold = s.NoticeThreshold, RecallsBeforeNoShow = s.RecallsBeforeNoShow, BoardLanguages = [.. s.BoardLanguages ?? []],
    };
}

/// <summary>A notice between 1 and 50 places ahead, 0 to 10 recalls, at most six board languages given by their tags.</summary>
public sealed class QueueSettingsValidator : AbstractValidator<QueueSettingsInput>
{
    public QueueSettingsValidator()
    {
        RuleFor(s => s.NoticeThreshold).InclusiveBetween(1, OfficeQueueSettings.MaxNoticeThreshold).WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.RecallsBeforeNoShow).InclusiveBetween(0, OfficeQueueSettings.MaxRecallsBeforeNoShow).WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.BoardLanguages).Must(l => l.Count <= OfficeQueueSettings.MaxBoardLanguages && l.Distinct().Count() == l.Count)
            .WithMessage(QueueSetupKeys.Invalid);
        RuleForEach(s => s.BoardLanguages).Must(OfficeQueueSettings.IsBoardLanguage).WithMessage(QueueSetupKeys.Invalid);
    }
}

/// <summary>One weekday of the hours form: open or not, and its hours as typed ("09:00").</summary>
public sealed class DayHoursInput
{
    public DayOfWeek Day { get; set; }
    public bool Open { get; set; }
    public string Opens { get; set; } = "09:00";
    public string Closes { get; set; } = "17:00";

    /// <summary>The form's seven days from Monday, filled from the hours stored (a day without hours is closed).</summary>
    public static List<DayHoursInput> Week(IReadOnlyList<OpeningHours> hours) =>
        [.. Weekdays.Select(d => hours.FirstOrDefault(h => h.Day == d) is { } h
            ? new DayHoursInput { Day = d, Open = true, Opens = Format(h.Opens), Closes = Format(h.Closes) }
            : new DayHoursInput { Day = d })];

    public static IReadOnlyList<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    internal static bool TryParse(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>An open day's hours are written HH:mm (Japan time) and close after they open; a closed day's are not read.</summary>
public sealed class DayHoursValidator : AbstractValidator<DayHoursInput>
{
    public DayHoursValidator()
    {
        RuleFor(h => h).Must(h => DayHoursInput.TryParse(h.Opens, out var opens) && DayHoursInput.TryParse(h.Closes, out var closes) && closes > opens)
            .When(h => h.Open).WithName(h => h.Day.ToString()).WithMessage(QueueSetupKeys.InvalidHours);
    }
}

/// <summary>The week's hours: each day at most once, each open day's hours valid.</summary>
public sealed class WeekHoursValidator : AbstractValidator<IReadOnlyList<DayHoursInput>>
{
    public WeekHoursValidator()
    {
        RuleFor(w => w).Must(w => w.Select(d => d.Day).Distinct().Count() == w.Count).WithMessage(QueueSetupKeys.Invalid);
        RuleForEach(w => w).SetValidator(new DayHoursValidator());
    }
}

/// <summary>A day an admin closes one office, or every office, with the reason shown beside it.</summary>
public sealed class ClosedDayInput
{
    public DateOnly? Date { get; set; }
    public string Reason { get; set; } = "";
    public bool AllOffices { get; set; }
}

/// <summary>A closed day needs its date and a reason of at most 100 characters.</summary>
public sealed class ClosedDayValidator : AbstractValidator<ClosedDayInput>
{
    public const int MaxReasonLength = 100;

    public ClosedDayValidator()
    {
        RuleFor(d => d.Date).NotNull().WithMessage(QueueSetupKeys.Invalid);
        RuleFor(d => d.Reason).Must(r => r.Trim().Length is >= 1 and <= MaxReasonLength).WithMessage(QueueSetupKeys.Invalid);
    }
}

/// <summary>A line of the closed-days list: a holiday by law (worked out, not removable) or a day an admin closed.</summary>
public sealed record DayOff(DateOnly Date, JapaneseHoliday? Holiday, ClosedDay? Closed);

/// <summary>Everything the queue administration page shows of one office.</summary>
public sealed record QueueSetupView(
    IReadOnlyList<OfficeService> Services,
    IReadOnlyList<Counter> Counters,
    OfficeQueueSettings Settings,
    IReadOnlyList<OpeningHours> Hours,
    IReadOnlyList<DayOff> DaysOff);

public static class QueueSetupAudit
{
    public const string ServiceEntity = "queue-service";
    public const string CounterEntity = "queue-counter";
    public const string OfficeEntity = "queue-office";
    public const string ServiceSaved = "queue-setup.service-saved";
    public const string CounterSaved = "queue-setup.counter-saved";
    public const string SettingsSaved = "queue-setup.settings-saved";
    public const string HoursSaved = "queue-setup.hours-saved";
    public const string ClosedDayAdded = "queue-setup.closed-day-added";
    public const string ClosedDayRemoved = "queue-setup.closed-day-removed";

    /// <summary>The entity id of a closed day's scope: its office, or "all" for every office.</summary>
    public const string AllOffices = "all";
}

/// <summary>
/// Admins set up an office's queues: services and counters (each input checked against its validator and against the
/// office's others: a code, prefix or Japanese name used once per office), the notice settings, the week's hours and
/// the closed days. Each change is saved, audited with the admin who made it, and the office's pages reload.
/// Every save returns what it saved, or what was refused.
/// </summary>
public sealed class QueueSetupService(IQueueSetupRepository setup, TicketService queues, AuditTrail audit)
{
    /// <summary>The office's set-up, and its days off of the coming year: holidays by law beside the days admins closed.</summary>
    public async Task<QueueSetupView> ViewAsync(string officeId, CancellationToken ct)
    {
        var today = queues.Today;
        var closed = await setup.ListClosedDaysAsync(officeId, today, today.AddYears(1), ct);
        var daysOff = JapaneseHolidays.Between(today, today.AddYears(1)).Select(h => new DayOff(h.Date, h, null))
            .Concat(closed.Select(c => new DayOff(c.Date, null, c)))
            .OrderBy(d => d.Date).ThenBy(d => d.Holiday is null).ToList();
        return new QueueSetupView(await setup.ListServicesAsync(officeId, ct), await setup.ListCountersAsync(officeId, ct),
            await setup.GetSettingsAsync(officeId, ct), await setup.ListHoursAsync(officeId, ct), daysOff);
    }

    public async Task<CommandResult<long>> SaveServiceAsync(Actor admin, string officeId, OfficeServiceInput input, CancellationToken ct)
    {
        var validation = await new OfficeServiceValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<long>.Fail(validation);
        var code = input.Code.Trim().ToLowerInvariant();
        var prefix = char.ToUpperInvariant(input.Prefix.Trim()[0]);
        var services = await setup.ListServicesAsync(officeId, ct);
        if (services.Any(s => s.Id != input.Id && (s.Prefix == prefix || s.Code == code)))
            return CommandResult<long>.Fail(nameof(OfficeServiceInput.Code), QueueSetupKeys.Taken);
        var sort = services.FirstOrDefault(s => s.Id == input.Id && input.Id != 0)?.SortOrder
            ?? (services.Count == 0 ? 1 : services.Max(s => s.SortOrder) + 1);
        var id = await setup.SaveServiceAsync(new OfficeService(input.Id, officeId, code, CityTextFields.ToText(input.Name), prefix, input.FastLane, input.Minutes,
            input.Active, sort), ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.ServiceSaved, QueueSetupAudit.ServiceEntity, Id(id),
            Detail($"office={officeId} code={code} prefix={prefix} minutes={input.Minutes} fastLane={input.FastLane} active={input.Active}", input.Id), ct);
        return CommandResult<long>.Ok(id);
    }

    public async Task<CommandResult<long>> SaveCounterAsync(Actor admin, string officeId, CounterInput input, CancellationToken ct)
    {
        var validation = await new CounterValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<long>.Fail(validation);
        var name = CityTextFields.ToText(input.Name);
        var counters = await setup.ListCountersAsync(officeId, ct);
        if (counters.Any(c => c.Id != input.Id && c.Name.Japanese == name.Japanese))
            return CommandResult<long>.Fail(CityTextFields.PathOf(nameof(CounterInput.Name), Language.Japanese), QueueSetupKeys.Taken);
        var sort = counters.FirstOrDefault(c => c.Id == input.Id && input.Id != 0)?.SortOrder
            ?? (counters.Count == 0 ? 1 : counters.Max(c => c.SortOrder) + 1);
        var id = await setup.SaveCounterAsync(new Counter(input.Id, officeId, name, sort, input.Active, [.. input.Services]), ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.CounterSaved, QueueSetupAudit.CounterEntity, Id(id),
            Detail($"office={officeId} name={name.Japanese} services={string.Join(',', input.Services.Order())} active={input.Active}", input.Id), ct);
        return CommandResult<long>.Ok(id);
    }

    public async Task<CommandResult<OfficeQueueSettings>> SaveSettingsAsync(Actor admin, string officeId, QueueSettingsInput input, CancellationToken ct)
    {
        var validation = await new QueueSettingsValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<OfficeQueueSettings>.Fail(validation);
        var settings = new OfficeQueueSettings(officeId, input.NoticeThreshold, input.RecallsBeforeNoShow, [.. input.BoardLanguages]);
        await setup.SaveSettingsAsync(settings, ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.SettingsSaved, QueueSetupAudit.OfficeEntity, officeId,
            $"threshold={input.NoticeThreshold} recalls={input.RecallsBeforeNoShow} board={string.Join(',', input.BoardLanguages)}", ct);
        return CommandResult<OfficeQueueSettings>.Ok(settings);
    }

    /// <summary>Replaces the office's week of hours; days not open have none.</summary>
    public async Task<CommandResult<IReadOnlyList<OpeningHours>>> SaveHoursAsync(Actor admin, string officeId, IReadOnlyList<DayHoursInput> week, CancellationToken ct)
    {
        var validation = await new WeekHoursValidator().ValidateAsync(week, ct);
        if (!validation.IsValid) return CommandResult<IReadOnlyList<OpeningHours>>.Fail(validation);
        var hours = week.Where(d => d.Open).Select(d => DayHoursInput.TryParse(d.Opens, out var opens) && DayHoursInput.TryParse(d.Closes, out var closes)
            ? new OpeningHours(d.Day, opens, closes) : throw new InvalidOperationException("Validated hours did not parse.")).ToList();
        await setup.SaveHoursAsync(officeId, hours, ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.HoursSaved, QueueSetupAudit.OfficeEntity, officeId,
            string.Join(' ', hours.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Day}={h.Opens:HH:mm}-{h.Closes:HH:mm}"))), ct);
        return CommandResult<IReadOnlyList<OpeningHours>>.Ok(hours);
    }

    /// <summary>Closes the office (or, with <see cref="ClosedDayInput.AllOffices"/>, every office) on a day.</summary>
    public async Task<CommandResult<ClosedDay>> AddClosedDayAsync(Actor admin, string officeId, ClosedDayInput input, CancellationToken ct)
    {
        var validation = await new ClosedDayValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ClosedDay>.Fail(validation);
        var day = new ClosedDay(input.Date!.Value, input.AllOffices ? null : officeId, input.Reason.Trim());
        await setup.AddClosedDayAsync(day, ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.ClosedDayAdded, QueueSetupAudit.OfficeEntity, day.OfficeId ?? QueueSetupAudit.AllOffices,
            string.Create(CultureInfo.InvariantCulture, $"date={day.Date:yyyy-MM-dd} reason={day.Reason}"), ct);
        return CommandResult<ClosedDay>.Ok(day);
    }

    /// <summary>Opens a day an admin had closed again (holidays by law stay closed).</summary>
    public async Task<CommandResult<ClosedDay>> RemoveClosedDayAsync(Actor admin, string officeId, ClosedDay day, CancellationToken ct)
    {
        await setup.RemoveClosedDayAsync(day.Date, day.OfficeId, ct);
        await ChangedAsync(admin, officeId, QueueSetupAudit.ClosedDayRemoved, QueueSetupAudit.OfficeEntity, day.OfficeId ?? QueueSetupAudit.AllOffices,
            string.Create(CultureInfo.InvariantCulture, $"date={day.Date:yyyy-MM-dd} reason={day.Reason}"), ct);
        return CommandResult<ClosedDay>.Ok(day);
    }

    private async Task ChangedAsync(Actor admin, string officeId, string action, string entity, string entityId, string detail, CancellationToken ct)
    {
        await audit.RecordAsync(admin, action, entity, entityId, detail, ct);
        queues.SetupChanged(officeId);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Detail(string detail, long inputId) => (inputId == 0 ? "added " : "changed ") + detail;
}
