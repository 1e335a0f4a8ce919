using Portal.Core.Accounts;
using Portal.Core.Points;

namespace Portal.Tests.Accounts;

public sealed class AccountDeletionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Role.Resident, true)]
    [InlineData(Role.Staff, false)]
    [InlineData(Role.Admin, false)]
    [InlineData(Role.Kiosk, false)]
    public void Only_residents_delete_their_own_account(Role role, bool may) =>
        Assert.Equal(may, AccountDeletionRules.MayDelete(role));

    [Theory]
    [InlineData("削除", true)]
    [InlineData(" 削除 ", true)]
    [InlineData("DELETE", true)]
    [InlineData("delete", true)]
    [InlineData("さくじょ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_typed_confirmation_is_the_word_in_either_language(string? typed, bool confirmed) =>
        Assert.Equal(confirmed, AccountDeletionRules.IsConfirmed(typed));

    [Fact]
    public void The_tombstone_address_is_unique_per_account_and_never_deliverable()
    {
        Assert.Equal("deleted-42@deleted.invalid", AccountDeletionRules.TombstoneEmail(42));
        Assert.NotEqual(AccountDeletionRules.TombstoneEmail(42), AccountDeletionRules.TombstoneEmail(43));
    }

    [Fact]
    public void Closing_moves_every_lot_with_points_left_including_expired_ones_in_balanced_transactions()
    {
        var lots = new[]
        {
            new PointLot(1, 10, 100, 50, 20, Now.AddDays(-1), Now.AddYears(-1)),   // expired, not yet swept
            new PointLot(2, 10, 101, 80, 80, Now.AddDays(100), Now),
            new PointLot(3, 10, 102, 30, 0, Now.AddDays(200), Now),                  // spent: nothing to move
        };

        var request = Assert.Single(AccountDeletionRules.ClosingRequests(7, 10, 99, lots));

        LedgerPosting.Check(request);
        Assert.Equal(PointTransactionKind.Expire, request.Kind);
        Assert.Equal("account-deleted:7:1", request.IdempotencyKey);
        Assert.Equal([new PostingLine(10, -20, 1), new PostingLine(10, -80, 2), new PostingLine(99, 100)], request.Lines);
    }

    [Fact]
    public void Many_lots_take_several_transactions_each_within_the_line_limit()
    {
        var lots = Enumerable.Range(1, 45).Select(i => new PointLot(i, 10, i, 5, 5, Now.AddDays(i), Now)).ToList();

        var requests = AccountDeletionRules.ClosingRequests(7, 10, 99, lots);

        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => LedgerPosting.Check(r));
        Assert.Equal(45 * 5, requests.Sum(r => r.Lines.Single(l => l.AccountId == 99).Amount));
        Assert.Equal(requests.Count, requests.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public void An_empty_wallet_needs_no_closing_transaction() =>
        Assert.Empty(AccountDeletionRules.ClosingRequests(7, 10, 99, [new PointLot(1, 10, 1, 5, 0, Now, Now)]));

    [Fact]
    public void The_audit_detail_holds_counts_only()
    {
        var detail = new DeletionSummary(2, 3, 150, 1, 2, 1, 4).ToAuditDetail();
        Assert.Equal("reports=2; history=3; points=150; closing-transactions=1; consents=2; channels=1; deliveries-cancelled=4", detail);
    }
}
