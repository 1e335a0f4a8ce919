using System.Globalization;
using Portal.Core.Languages;
using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Points;

/// <summary>
/// Spending: the catalogue, redemptions that issue vouchers, cancellation within the policy (a reversal), and
/// donations to the non-profits admins list. Request keys come from the page (made when the resident opens the
/// confirmation), so a double tap or a retry gives back the first voucher or receipt.
/// </summary>
public sealed class PointsShopService(IPointCatalogRepository catalog, IPointLedger ledger, PointsOptions options, AuditTrail audit, TimeProvider time)
{
    public PointsOptions Options => options;

    public Task<IReadOnlyList<CatalogItem>> CatalogueAsync(bool includeInactive, CancellationToken ct) => catalog.ItemsAsync(includeInactive, ct);

    public async Task<IReadOnlyList<PointAccount>> NonProfitsAsync(bool includeInactive, CancellationToken ct) =>
        (await ledger.AccountsAsync(PointAccountKind.NonProfit, ct)).Where(a => includeInactive || a.IsActive).ToList();

    public Task<IReadOnlyList<PointAccount>> PartnersAsync(CancellationToken ct) => ledger.AccountsAsync(PointAccountKind.Partner, ct);

    public async Task<CommandResult<CatalogItem>> SaveItemAsync(Actor admin, long? id, CatalogItemInput input, CancellationToken ct)
    {
        var validation = await new CatalogItemInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<CatalogItem>.Fail(validation);
        if (await ledger.AccountAsync(input.PartnerAccountId, ct) is not { Kind: PointAccountKind.Partner })
            return CommandResult<CatalogItem>.Fail(nameof(CatalogItemInput.PartnerAccountId), PointsErrors.AccountNotFound);
        CatalogItem saved;
        if (id is { } existing)
        {
            await catalog.UpdateItemAsync(existing, input, ct);
            saved = (await catalog.ItemAsync(existing, ct))!;
        }
        else
        {
            saved = await catalog.AddItemAsync(input, time.GetUtcNow(), ct);
        }
        await audit.RecordAsync(admin, PointsAuditActions.CatalogSaved, PointsAuditActions.Entity, $"item:{saved.Id}",
            string.Create(CultureInfo.InvariantCulture, $"price={saved.Price} stock={saved.Stock} limit={saved.PerPersonLimit} active={saved.IsActive}"), ct);
        return CommandResult<CatalogItem>.Ok(saved);
    }

    /// <summary>
    /// Opens a partner or a non-profit, or changes one: its public name and description in every language, and
    /// whether it is open. The ledger account keeps the Japanese name as its own.
    /// </summary>
    public async Task<CommandResult<PointAccount>> SaveAccountAsync(Actor admin, PointAccountKind kind, long? id, PointOrganisationInput input, CancellationToken ct)
    {
        if (kind is not (PointAccountKind.Partner or PointAccountKind.NonProfit)) throw new ArgumentOutOfRangeException(nameof(kind));
        var validation = await new PointOrganisationInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<PointAccount>.Fail(validation);
        var name = CityTextFields.ToText(input.Name);
        long accountId;
        if (id is { } existing)
        {
            if (await ledger.AccountAsync(existing, ct) is not { } found || found.Kind != kind) throw new RuleException(PointsErrors.AccountNotFound);
            await ledger.SetAccountActiveAsync(existing, name.Japanese, input.IsActive, ct);
            accountId = existing;
        }
        else
        {
            accountId = (await ledger.OpenAccountAsync(kind, $"{kind.ToString().ToLowerInvariant()}:{Guid.NewGuid():N}", name.Japanese, ct)).Id;
            if (!input.IsActive) await ledger.SetAccountActiveAsync(accountId, name.Japanese, false, ct);
        }
        await ledger.SetPublicTextsAsync(accountId, name, CityTextFields.ToTextOrNull(input.Description), ct);
        var account = (await ledger.AccountAsync(accountId, ct))!;
        await audit.RecordAsync(admin, PointsAuditActions.AccountSaved, PointsAuditActions.Entity, $"ledger-account:{account.Id}",
            $"kind={kind} active={account.IsActive} languages={string.Join(',', name.Languages)}", ct);
        return CommandResult<PointAccount>.Ok(account);
    }

    public async Task<Voucher> RedeemAsync(long ownerAccountId, long itemId, string requestKey, CancellationToken ct)
    {
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        return await catalog.RedeemAsync(ownerAccountId, walletId, itemId, $"redeem:{ownerAccountId}:{requestKey}", options.Expiry, time.GetUtcNow(), ct);
    }

    public Task<Voucher> CancelAsync(long ownerAccountId, long voucherId, CancellationToken ct) =>
        catalog.CancelAsync(ownerAccountId, voucherId, options.CancellationDays, options.Expiry, time.GetUtcNow(), ct);

    public bool CanCancel(Voucher voucher) => voucher.CanCancel(time.GetUtcNow(), options.CancellationDays);

    /// <summary>The resident's own voucher; another resident's is not found.</summary>
    public async Task<Voucher?> VoucherAsync(long ownerAccountId, long voucherId, CancellationToken ct) =>
        await catalog.VoucherAsync(voucherId, ct) is { } v && v.OwnerAccountId == ownerAccountId ? v : null;

    public Task<IReadOnlyList<Voucher>> VouchersAsync(long ownerAccountId, CancellationToken ct) => catalog.VouchersOfAsync(ownerAccountId, ct);

    public async Task<LedgerResult> DonateAsync(long ownerAccountId, long nonProfitId, long points, string requestKey, CancellationToken ct)
    {
        if (points <= 0) throw new RuleException(PointsErrors.PointsRange);
        var nonProfit = await ledger.AccountAsync(nonProfitId, ct);
        if (nonProfit is not { Kind: PointAccountKind.NonProfit }) throw new RuleException(PointsErrors.AccountNotFound);
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        return await ledger.PostAsync(new LedgerRequest($"donate:{ownerAccountId}:{requestKey}", PointTransactionKind.Donate,
            [new PostingLine(walletId, -points), new PostingLine(nonProfit.Id, points)], nonProfit.ShownName.Japanese, ownerAccountId), options.Expiry, time.GetUtcNow(), ct);
    }

    /// <summary>A donation's receipt: the transaction, if it is the resident's own donation.</summary>
    public async Task<(PointTransaction Transaction, PointAccount NonProfit, long Points)?> DonationReceiptAsync(long ownerAccountId, long transactionId, CancellationToken ct)
    {
        var transaction = await ledger.TransactionAsync(transactionId, ct);
        if (transaction is not { Kind: PointTransactionKind.Donate }) return null;
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        var mine = transaction.Postings.Where(p => p.AccountId == walletId).Sum(p => p.Amount);
        if (mine >= 0) return null;
        var other = transaction.Postings.Single(p => p.AccountId != walletId);
        return (transaction, (await ledger.AccountAsync(other.AccountId, ct))!, -mine);
    }
}
