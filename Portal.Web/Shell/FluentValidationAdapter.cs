using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Shell;

/// <summary>
/// Lets a MudForm validate each field with a validator from Portal.Core, showing the localized message
/// for each rule's resource key.
/// </summary>
public sealed class FluentValidationAdapter<T>(IValidator<T> validator, IStringLocalizer localizer)
{
    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => async (model, propertyName) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName)));
        return result.IsValid ? [] : result.Errors.Select(e => localizer[e.ErrorMessage].Value).ToArray();
    };
}
