using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Languages;

public static class CommandText
{
    /// <summary>
    /// What a command refused, in the reader's language: each failure of its result
    /// (<see cref="Portal.Core.Rules.CommandResult{T}"/>) names a resource key; the same message is said once.
    /// </summary>
    public static string Errors(this IStringLocalizer l, IEnumerable<ValidationFailure> errors) =>
        string.Join(" ", errors.Select(e => l[e.ErrorMessage].Value).Distinct());
}
