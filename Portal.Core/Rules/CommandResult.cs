using FluentValidation.Results;

namespace Portal.Core.Rules;

/// <summary>
/// What a validated command did: its value when it succeeded, or what was refused, each failure naming the input's
/// field and a resource key (<see cref="ValidationFailure.ErrorMessage"/>) the page says in its reader's language.
/// The one result type of the product's services. A command over several items (photos chosen together) may do part
/// and refuse part: then it has both its value and the failures.
/// </summary>
public sealed record CommandResult<T>(T? Value, IReadOnlyList<ValidationFailure> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static CommandResult<T> Ok(T value) => new(value, []);

    public static CommandResult<T> Fail(IReadOnlyList<ValidationFailure> errors) =>
        errors.Count > 0 ? new(default, errors) : throw new ArgumentException("A refusal names at least one failure.", nameof(errors));

    public static CommandResult<T> Fail(ValidationResult validation) => Fail(validation.Errors);

    public static CommandResult<T> Fail(string field, string key) => new(default, [new ValidationFailure(field, key)]);

    /// <summary>What a command over several items did, and what it refused (none: it succeeded).</summary>
    public static CommandResult<T> Partly(T value, IReadOnlyList<ValidationFailure> errors) => new(value, errors);
}
