using FluentValidation;
using Portal.Core.Languages;

namespace Portal.Core.Points;

/// <summary>What an account in the points ledger stands for.</summary>
public enum PointAccountKind
{
    /// <summary>A resident's wallet: never below zero, held in lots with expiry dates.</summary>
    Wallet,
    /// <summary>A programme's funding account: goes negative by what the programme has issued.</summary>
    Funding,
    /// <summary>A redemption partner (electronic money, a city facility): receives what residents exchange.</summary>
    Partner,
    /// <summary>A non-profit the city lists for donations.</summary>
    NonProfit,
    /// <summary>Where expired remainders go.</summary>
    Expiry,
    /// <summary>The other side of manual adjustments.</summary>
    Adjustment,
}

/// <summary>
/// One account of the ledger. Balance is kept by the database from the postings. <paramref name="Name"/> is the
/// ledger's own plain name (staff and the books read it); a partner or non-profit also has a
/// <paramref name="PublicName"/> and <paramref name="Description"/> residents read, in their language.
/// </summary>
public sealed record PointAccount(long Id, PointAccountKind Kind, string Code, string Name, long? OwnerAccountId, long Balance, bool IsActive,
    LocalizedText? PublicName = null, LocalizedText? Description = null)
{
    public const string ExpiryCode = "expiry";
    public const string AdjustmentCode = "adjustment";

    /// <summary>What residents see: the public name, or the ledger name for an account that has none.</summary>
    public LocalizedText ShownName => PublicName ?? LocalizedText.Of(Name);

    public static string WalletCode(long ownerAccountId) => $"wallet:{ownerAccountId}";
}

/// <summary>A lot: what one earning put into a wallet, with its own expiry, spent oldest expiry first.</summary>
public sealed record PointLot(long Id, long WalletId, long TransactionId, long Amount, long Remaining, DateTimeOffset ExpiresUtc, DateTimeOffset CreatedUtc)
{
    /// <summary>The last Japan calendar day on which the lot can be spent.</summary>
    public DateOnly LastDay => ExpiryPolicy.LastDayOf(ExpiresUtc);

    public bool IsSpendable(DateTimeOffset now) => Remaining > 0 && ExpiresUtc > now;
}

/// <summary>A partner or non-profit as an admin edits it: the public name and description residents read, and whether it is open.</summary>
public sealed class PointOrganisationInput
{
    public Dictionary<string, string?> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string?> Description { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool IsActive { get; set; } = true;

    public static PointOrganisationInput From(PointAccount account) => new()
    {
        Name = CityTextFields.From(account.ShownName), Description = CityTextFields.From(account.Description), IsActive = account.IsActive,
    };
}

public sealed class PointOrganisationInputValidator : AbstractValidator<PointOrganisationInput>
{
    public PointOrganisationInputValidator()
    {
        RuleFor(x => x.Name).CityText(200, PointsErrors.NameRequired, PointsErrors.NameTooLong);
        RuleFor(x => x.Description).CityText(500, PointsErrors.NameRequired, PointsErrors.NameTooLong, optional: true, multiline: true);
    }
}
