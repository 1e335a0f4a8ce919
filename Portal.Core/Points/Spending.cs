using System.Security.Cryptography;
using FluentValidation;
using Portal.Core.Languages;
using Portal.Core.Rules;

namespace Portal.Core.Points;

public enum CatalogItemKind
{
    ElectronicMoney,
    FacilityTicket,
}

/// <summary>
/// Something residents can exchange points for, paid to a partner's account. Stock null means no limit. Its name
/// and description (which may be absent) are city texts.
/// </summary>
public sealed record CatalogItem(
    long Id,
    LocalizedText Name,
    LocalizedText? Description,
    CatalogItemKind Kind,
    long Price,
    long? Stock,
    long PerPersonLimit,
    long PartnerAccountId,
    bool IsActive)
{
    /// <summary>Refuses a redemption the item cannot take: closed, sold out, or the resident's limit reached.</summary>
    public void CheckRedeemable(long alreadyRedeemedByResident)
    {
        if (!IsActive) throw new RuleException(PointsErrors.ItemNotFound);
        if (Stock is <= 0) throw new RuleException(PointsErrors.OutOfStock);
        if (alreadyRedeemedByResident >= PerPersonLimit) throw new RuleException(PointsErrors.PerPersonLimit);
    }
}

public sealed class CatalogItemInput
{
    public Dictionary<string, string?> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string?> Description { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public CatalogItemKind Kind { get; set; } = CatalogItemKind.FacilityTicket;
    public long Price { get; set; } = 500;
    public long? Stock { get; set; }
    public long PerPersonLimit { get; set; } = 1;
    public long PartnerAccountId { get; set; }
    public bool IsActive { get; set; } = true;

    public static CatalogItemInput From(CatalogItem item) => new()
    {
        Name = CityTextFields.From(item.Name), Description = CityTextFields.From(item.Description), Kind = item.Kind, Price = item.Price, Stock = item.Stock,
        PerPersonLimit = item.PerPersonLimit, PartnerAccountId = item.PartnerAccountId, IsActive = item.IsActive,
    };
}

public sealed class CatalogItemInputValidator : AbstractValidator<CatalogItemInput>
{
    public CatalogItemInputValidator()
    {
        RuleFor(x => x.Name).CityText(100, PointsErrors.NameRequired, PointsErrors.NameTooLong);
        RuleFor(x => x.Description).CityText(500, PointsErrors.NameRequired, PointsErrors.NameTooLong, optional: true, multiline: true);
        RuleFor(x => x.Price).InclusiveBetween(1, 100_000).WithMessage(PointsErrors.PointsRange);
        RuleFor(x => x.Stock).GreaterThanOrEqualTo(0).When(x => x.Stock is not null).WithMessage(PointsErrors.StockRange);
        RuleFor(x => x.PerPersonLimit).InclusiveBetween(1, 1000).WithMessage(PointsErrors.StockRange);
        RuleFor(x => x.PartnerAccountId).GreaterThan(0).WithMessage(PointsErrors.ProgrammeRequired);
    }
}

/// <summary>
/// What a redemption hands the resident: a code the partner checks. The code is random (80 bits) and unique.
/// </summary>
public sealed class Voucher
{
    private Voucher() { }

    public long Id { get; private set; }
    public string Code { get; private set; } = "";
    public long ItemId { get; private set; }
    public LocalizedText ItemName { get; private set; } = LocalizedText.Of("-");
    public long OwnerAccountId { get; private set; }
    public long TransactionId { get; private set; }
    public long Price { get; private set; }
    public DateTimeOffset CreatedUtc { get; private set; }
    public DateTimeOffset? UsedUtc { get; private set; }
    public DateTimeOffset? CancelledUtc { get; private set; }
    public long? CancelTransactionId { get; private set; }

    public static Voucher Restore(long id, string code, long itemId, LocalizedText itemName, long ownerAccountId, long transactionId, long price,
        DateTimeOffset createdUtc, DateTimeOffset? usedUtc, DateTimeOffset? cancelledUtc, long? cancelTransactionId) => new()
    {
        Id = id, Code = code, ItemId = itemId, ItemName = itemName, OwnerAccountId = ownerAccountId, TransactionId = transactionId, Price = price,
        CreatedUtc = createdUtc, UsedUtc = usedUtc, CancelledUtc = cancelledUtc, CancelTransactionId = cancelTransactionId,
    };

    public bool IsOpen => UsedUtc is null && CancelledUtc is null;

    public bool CanCancel(DateTimeOffset now, int cancellationDays) => IsOpen && now <= CreatedUtc.AddDays(cancellationDays);

    /// <summary>An unused voucher can be cancelled within the policy's days; the points come back by a reversal.</summary>
    public void CheckCancel(DateTimeOffset now, int cancellationDays)
    {
        if (UsedUtc is not null) throw new RuleException(PointsErrors.VoucherUsed);
        if (CancelledUtc is not null) throw new RuleException(PointsErrors.VoucherCancelled);
        if (now > CreatedUtc.AddDays(cancellationDays)) throw new RuleException(PointsErrors.CancellationPeriodOver);
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of four.</summary>
    public static string NewCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    public string DisplayCode => string.Join('-', Enumerable.Range(0, Code.Length / 4).Select(i => Code.Substring(i * 4, 4)));
}

/// <summary>The catalogue, redemptions and vouchers. Implemented in Portal.Data.</summary>
public interface IPointCatalogRepository
{
    Task<CatalogItem> AddItemAsync(CatalogItemInput input, DateTimeOffset now, CancellationToken ct);
    Task UpdateItemAsync(long id, CatalogItemInput input, CancellationToken ct);
    Task<CatalogItem?> ItemAsync(long id, CancellationToken ct);
    Task<IReadOnlyList<CatalogItem>> ItemsAsync(bool includeInactive, CancellationToken ct);

    /// <summary>
    /// In one write transaction: replay the key, hold the item, check stock and the per-person limit, post the
    /// points from the wallet to the partner, take one from stock and issue the voucher.
    /// </summary>
    Task<Voucher> RedeemAsync(long ownerAccountId, long walletId, long itemId, string key, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct);

    /// <summary>Cancels an open voucher within the policy: the redemption is reversed and the stock given back.</summary>
    Task<Voucher> CancelAsync(long ownerAccountId, long voucherId, int cancellationDays, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct);

    Task<Voucher?> VoucherAsync(long id, CancellationToken ct);
    Task<IReadOnlyList<Voucher>> VouchersOfAsync(long ownerAccountId, CancellationToken ct);
}
