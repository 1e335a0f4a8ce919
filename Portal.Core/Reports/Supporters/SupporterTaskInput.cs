using FluentValidation;
using Portal.Core.Text;
using Portal.Core.Time;

namespace Portal.Core.Reports.Supporters;

/// <summary>The staff form that opens a task: the day and times are Japan time, as staff read them.</summary>
public sealed class SupporterTaskInput
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string MeetingPlace { get; set; } = "";
    /// <summary>The Japan calendar day (the date part only is used; MudDatePicker binds DateTime?).</summary>
    public DateTime? Date { get; set; }
    public TimeSpan? StartTime { get; set; } = new(10, 0, 0);
    public TimeSpan? EndTime { get; set; } = new(12, 0, 0);
    public int Capacity { get; set; } = 10;

    public DateTimeOffset? StartUtc => At(StartTime);
    public DateTimeOffset? EndUtc => At(EndTime);

    private DateTimeOffset? At(TimeSpan? time) =>
        Date is { } d && time is { } t ? JapanTime.StartOfDayUtc(DateOnly.FromDateTime(d)) + t : null;
}

public static class SupporterValidationKeys
{
    public const string TitleRequired = "Supporters_Validation_TitleRequired";
    public const string DescriptionRequired = "Supporters_Validation_DescriptionRequired";
    public const string MeetingPlaceRequired = "Supporters_Validation_MeetingPlaceRequired";
    public const string TooLong = "Supporters_Validation_TooLong";
    public const string DateRequired = "Supporters_Validation_DateRequired";
    public const string TimeRequired = "Supporters_Validation_TimeRequired";
}

/// <summary>The rules of the open-a-task form; the same rules the entity enforces, with a message per field.</summary>
public sealed class SupporterTaskValidator : AbstractValidator<SupporterTaskInput>
{
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxPlaceLength = 200;

    public SupporterTaskValidator(TimeProvider time)
    {
        RuleFor(t => t.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(SupporterValidationKeys.TitleRequired)
            .MaximumLength(MaxTitleLength).WithMessage(SupporterValidationKeys.TooLong)
            .Submitted(multiline: false);
        RuleFor(t => t.Description).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(SupporterValidationKeys.DescriptionRequired)
            .MaximumLength(MaxDescriptionLength).WithMessage(SupporterValidationKeys.TooLong)
            .Submitted();
        RuleFor(t => t.MeetingPlace).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(SupporterValidationKeys.MeetingPlaceRequired)
            .MaximumLength(MaxPlaceLength).WithMessage(SupporterValidationKeys.TooLong)
            .Submitted(multiline: false);
        RuleFor(t => t.Capacity).InclusiveBetween(1, SupporterTask.MaxCapacity).WithMessage(SupporterErrors.CapacityRange);
        RuleFor(t => t.Date).NotNull().WithMessage(SupporterValidationKeys.DateRequired);
        RuleFor(t => t.StartTime).NotNull().WithMessage(SupporterValidationKeys.TimeRequired)
            .Must((input, _) => input.StartUtc is not { } start || start > time.GetUtcNow()).WithMessage(SupporterErrors.StartInPast);
        RuleFor(t => t.EndTime).NotNull().WithMessage(SupporterValidationKeys.TimeRequired)
            .Must((input, _) => input.StartUtc is not { } start || input.EndUtc is not { } end || end > start).WithMessage(SupporterErrors.EndBeforeStart);
    }
}
