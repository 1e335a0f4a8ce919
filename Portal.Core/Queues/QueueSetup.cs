using FluentValidation;
using FluentValidation.Results;
using Portal.Core.Languages;

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
}

/// <summary>
/// A service's code goes into links and statistics (lowercase letters, digits, hyphens); its prefix is one letter; its
/// name needs its Japanese text, and every language's text has the same limit.
/// </summary>
public sealed class OfficeServiceValidator : AbstractValidator<OfficeServiceInput>
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 100;

    public OfficeServiceValidator()
    {
        RuleFor(s => s.Code).Must(c => c.Trim().Length is >= 1 and <= MaxCodeLength).WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.Prefix).Must(p => p.Trim().Length == 1 && OfficeService.IsValidPrefix(char.ToUpperInvariant(p.Trim()[0])))
            .WithMessage(QueueSetupKeys.Invalid);
        RuleFor(s => s.Minutes).InclusiveBetween(1, 240).WithMessage(QueueSetupKeys.Invalid);
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

/// <summary>
/// Admins set up an office's services and counters: each input is checked against its validator and against the
/// office's others (a code, prefix or Japanese name used once per office), saved, and the office's pages reload.
/// Returns what was refused, or nothing when saved.
/// </summary>
public sealed class QueueSetupService(IQueueSetupRepository setup, TicketService queues)
{
    public async Task<IReadOnlyList<ValidationFailure>> SaveServiceAsync(string officeId, OfficeServiceInput input, CancellationToken ct)
    {
        var validation = await new OfficeServiceValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return validation.Errors;
        var code = input.Code.Trim().ToLowerInvariant();
        var prefix = char.ToUpperInvariant(input.Prefix.Trim()[0]);
        var services = await setup.ListServicesAsync(officeId, ct);
        if (services.Any(s => s.Id != input.Id && (s.Prefix == prefix || s.Code == code)))
            return [new ValidationFailure(nameof(OfficeServiceInput.Code), QueueSetupKeys.Taken)];
        var sort = services.FirstOrDefault(s => s.Id == input.Id && input.Id != 0)?.SortOrder
            ?? (services.Count == 0 ? 1 : services.Max(s => s.SortOrder) + 1);
        await setup.SaveServiceAsync(new OfficeService(input.Id, officeId, code, CityTextFields.ToText(input.Name), prefix, input.FastLane, input.Minutes,
            input.Active, sort), ct);
        queues.SetupChanged(officeId);
        return [];
    }

    public async Task<IReadOnlyList<ValidationFailure>> SaveCounterAsync(string officeId, CounterInput input, CancellationToken ct)
    {
        var validation = await new CounterValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return validation.Errors;
        var name = CityTextFields.ToText(input.Name);
        var counters = await setup.ListCountersAsync(officeId, ct);
        if (counters.Any(c => c.Id != input.Id && c.Name.Japanese == name.Japanese))
            return [new ValidationFailure(CityTextFields.PathOf(nameof(CounterInput.Name), Language.Japanese), QueueSetupKeys.Taken)];
        var sort = counters.FirstOrDefault(c => c.Id == input.Id && input.Id != 0)?.SortOrder
            ?? (counters.Count == 0 ? 1 : counters.Max(c => c.SortOrder) + 1);
        await setup.SaveCounterAsync(new Counter(input.Id, officeId, name, sort, input.Active, [.. input.Services]), ct);
        queues.SetupChanged(officeId);
        return [];
    }
}
