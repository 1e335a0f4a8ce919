using FluentValidation;
using Portal.Core.Languages;
using Portal.Core.Rules;

namespace Portal.Core.Points;

public enum ProgrammeKind
{
    Volunteer,
    Health,
    City,
}

/// <summary>
/// A programme residents earn points in (zoo volunteering, a health walk, a city course). It pays from its own
/// funding account; caps are points per resident per Japan day and per fiscal year.
/// <paramref name="ReportPoints"/>, when set, pays that many points for each accepted civic report. Its name is
/// a city text residents read in their language.
/// </summary>
public sealed record PointProgramme(
    long Id,
    LocalizedText Name,
    ProgrammeKind Kind,
    long PointsPerParticipation,
    long DailyCap,
    long YearlyCap,
    DateOnly StartsOn,
    DateOnly EndsOn,
    long? ReportPoints,
    long FundingAccountId)
{
    public bool IsRunningOn(DateOnly day) => day >= StartsOn && day <= EndsOn;

    public static string FundingCode(Guid id) => $"funding:{id:N}";
}

/// <summary>An event of a programme where staff show the check-in code; its title and place are city texts.</summary>
public sealed record PointEvent(long Id, long ProgrammeId, LocalizedText Title, LocalizedText Place, DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    /// <summary>Check-in opens half an hour before the start and closes an hour after the end.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan ClosesAfter = TimeSpan.FromHours(1);

    public bool IsOpenForCheckIn(DateTimeOffset now) => now >= StartUtc - OpensBefore && now <= EndUtc + ClosesAfter;
}

/// <summary>An event with its programme, for lists.</summary>
public sealed record PointEventView(PointEvent Event, PointProgramme Programme);

/// <summary>
/// What a resident has already earned from a programme, and the rule that a credit may not pass either cap.
/// </summary>
public static class EarningCaps
{
    public static void Check(PointProgramme programme, long earnedToday, long earnedThisYear, long points)
    {
        if (earnedToday + points > programme.DailyCap) throw new RuleException(PointsErrors.DailyCapReached);
        if (earnedThisYear + points > programme.YearlyCap) throw new RuleException(PointsErrors.YearlyCapReached);
    }
}

/// <summary>
/// The rotating check-in code staff show: a new one every <see cref="RotateEvery"/>, each accepted for
/// <see cref="ValidFor"/> after it was made, so a code photographed and sent on is soon useless.
/// </summary>
public static class CheckInCode
{
    public static readonly TimeSpan RotateEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ValidFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    public static bool IsFresh(DateTimeOffset issuedUtc, DateTimeOffset now) => issuedUtc <= now + ClockSkew && now - issuedUtc <= ValidFor;

    public static string Key(long eventId, long ownerAccountId) => $"checkin:{eventId}:{ownerAccountId}";

    /// <summary>The event a check-in key names, or null for any other key.</summary>
    public static long? EventOf(string key)
    {
        var parts = key.Split(':');
        return parts.Length == 3 && parts[0] == "checkin"
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}

/// <summary>The issuer and checker of check-in codes; the web layer signs them with Data Protection.</summary>
public interface ICheckInTokens
{
    string Issue(long eventId, DateTimeOffset now);

    /// <summary>The event of a genuine, fresh code; null for anything else.</summary>
    long? Read(string token, DateTimeOffset now);
}

public sealed class ProgrammeInput
{
    public Dictionary<string, string?> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public ProgrammeKind Kind { get; set; } = ProgrammeKind.Volunteer;
    public long PointsPerParticipation { get; set; } = 50;
    public long DailyCap { get; set; } = 100;
    public long YearlyCap { get; set; } = 5_000;
    public DateTime? StartsOn { get; set; }
    public DateTime? EndsOn { get; set; }
    public long? ReportPoints { get; set; }

    public static ProgrammeInput From(PointProgramme p) => new()
    {
        Name = CityTextFields.From(p.Name), Kind = p.Kind, PointsPerParticipation = p.PointsPerParticipation, DailyCap = p.DailyCap, YearlyCap = p.YearlyCap,
        StartsOn = p.StartsOn.ToDateTime(TimeOnly.MinValue), EndsOn = p.EndsOn.ToDateTime(TimeOnly.MinValue), ReportPoints = p.ReportPoints,
    };
}

public sealed class ProgrammeInputValidator : AbstractValidator<ProgrammeInput>
{
    public ProgrammeInputValidator()
    {
        RuleFor(x => x.Name).CityText(100, PointsErrors.NameRequired, PointsErrors.NameTooLong);
        RuleFor(x => x.PointsPerParticipation).InclusiveBetween(1, 10_000).WithMessage(PointsErrors.PointsRange);
        RuleFor(x => x.DailyCap).GreaterThanOrEqualTo(x => x.PointsPerParticipation).WithMessage(PointsErrors.CapsOrder);
        RuleFor(x => x.YearlyCap).GreaterThanOrEqualTo(x => x.DailyCap).WithMessage(PointsErrors.CapsOrder);
        RuleFor(x => x.ReportPoints).InclusiveBetween(1, 10_000).When(x => x.ReportPoints is not null).WithMessage(PointsErrors.PointsRange);
        RuleFor(x => x.StartsOn).NotNull().WithMessage(PointsErrors.DatesRequired);
        RuleFor(x => x.EndsOn).NotNull().WithMessage(PointsErrors.DatesRequired)
            .GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null).WithMessage(PointsErrors.DatesOrder);
    }
}

public sealed class EventInput
{
    public long ProgrammeId { get; set; }
    public Dictionary<string, string?> Title { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string?> Place { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public DateTime? Day { get; set; }
    public TimeSpan? StartTime { get; set; } = new(10, 0, 0);
    public TimeSpan? EndTime { get; set; } = new(12, 0, 0);

    /// <summary>An event as its editor starts from: its texts in every language, its day and times in Japan time.</summary>
    public static EventInput From(PointEvent e)
    {
        var (start, end) = (Time.JapanTime.ToJapan(e.StartUtc), Time.JapanTime.ToJapan(e.EndUtc));
        return new()
        {
            ProgrammeId = e.ProgrammeId, Title = CityTextFields.From(e.Title), Place = CityTextFields.From(e.Place),
            Day = start.Date, StartTime = start.TimeOfDay, EndTime = end.TimeOfDay,
        };
    }

    /// <summary>The start and end as UTC instants; the day and times are Japan time.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Times()
    {
        var day = Time.JapanTime.StartOfDayUtc(DateOnly.FromDateTime(Day!.Value));
        return (day + StartTime!.Value, day + EndTime!.Value);
    }
}

public sealed class EventInputValidator : AbstractValidator<EventInput>
{
    public EventInputValidator()
    {
        RuleFor(x => x.ProgrammeId).GreaterThan(0).WithMessage(PointsErrors.ProgrammeRequired);
        RuleFor(x => x.Title).CityText(100, PointsErrors.NameRequired, PointsErrors.NameTooLong);
        RuleFor(x => x.Place).CityText(200, PointsErrors.PlaceRequired, PointsErrors.NameTooLong);
        RuleFor(x => x.Day).NotNull().WithMessage(PointsErrors.DatesRequired);
        RuleFor(x => x.StartTime).NotNull().WithMessage(PointsErrors.DatesRequired);
        RuleFor(x => x.EndTime).NotNull().WithMessage(PointsErrors.DatesRequired)
            .GreaterThan(x => x.StartTime).When(x => x.StartTime is not null).WithMessage(PointsErrors.DatesOrder);
    }
}

/// <summary>Programmes, events and credits for taking part. Implemented in Portal.Data.</summary>
public interface IPointProgrammeRepository
{
    Task<PointProgramme> AddProgrammeAsync(ProgrammeInput input, long fundingAccountId, DateTimeOffset now, CancellationToken ct);
    Task UpdateProgrammeAsync(long id, ProgrammeInput input, CancellationToken ct);
    Task<PointProgramme?> ProgrammeAsync(long id, CancellationToken ct);
    Task<IReadOnlyList<PointProgramme>> ProgrammesAsync(CancellationToken ct);
    Task<PointEvent> AddEventAsync(EventInput input, DateTimeOffset now, CancellationToken ct);
    Task UpdateEventAsync(long id, EventInput input, CancellationToken ct);
    Task<PointEventView?> EventAsync(long id, CancellationToken ct);
    Task<IReadOnlyList<PointEventView>> EventsAsync(DateTimeOffset fromUtc, int take, CancellationToken ct);

    /// <summary>
    /// Credits a resident from the programme within its caps, in one write transaction with the wallet held, so two
    /// check-ins at once cannot both pass a cap. Replays the key first.
    /// </summary>
    Task<LedgerResult> CreditWithinCapsAsync(PointProgramme programme, long walletId, long points, LedgerRequest request, ExpiryPolicy policy,
        DateTimeOffset now, CancellationToken ct);
}
