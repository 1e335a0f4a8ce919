using System.Data.Common;
using Dapper;
using Portal.Core.Benefits;
using Portal.Data.Database;

namespace Portal.Data.Benefits;

public sealed class ConsentRepository(PortalDatabase db, TimeProvider? time = null) : IConsentStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<ConsentRecord>> CurrentAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Purpose, string TextVersion, DateTimeOffset GivenUtc)>(new CommandDefinition(
            "SELECT Purpose, TextVersion, GivenUtc FROM ForYouConsent WHERE AccountId = @accountId AND RevokedUtc IS NULL ORDER BY Purpose",
            new { accountId }, cancellationToken: ct));
        return rows.Select(r => new ConsentRecord(Enum.Parse<ConsentPurpose>(r.Purpose), r.TextVersion, r.GivenUtc)).ToList();
    }

    public Task GiveAsync(long accountId, ConsentPurpose purpose, string textVersion, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            // A consent to a newer text replaces the old one; the old row stays as the record of what was agreed.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE ForYouConsent SET RevokedUtc = @now WHERE AccountId = @accountId AND Purpose = @purpose AND RevokedUtc IS NULL",
                new { accountId, purpose = purpose.ToString(), now }, transaction, cancellationToken: ct));
            return await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ForYouConsent (AccountId, Purpose, TextVersion, GivenUtc) VALUES (@accountId, @purpose, @textVersion, @now)",
                new { accountId, purpose = purpose.ToString(), textVersion, now }, transaction, cancellationToken: ct));
        }, ct);

    public Task RevokeAsync(long accountId, ConsentPurpose purpose, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => RevokeAsync(connection, transaction, accountId, purpose, _time.GetUtcNow(), ct), ct);

    /// <summary>
    /// Withdraws consent inside the caller's write transaction: one purpose, or every purpose when
    /// <paramref name="purpose"/> is null (account deletion). Returns how many consents were open.
    /// </summary>
    internal static async Task<int> RevokeAsync(DbConnection connection, DbTransaction transaction, long accountId, ConsentPurpose? purpose,
        DateTimeOffset now, CancellationToken ct)
    {
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ForYouConsent SET RevokedUtc = @now WHERE AccountId = @accountId AND (@purpose IS NULL OR Purpose = @purpose) AND RevokedUtc IS NULL",
            new { accountId, purpose = purpose?.ToString(), now }, transaction, cancellationToken: ct));
        // Results derived from data the resident no longer lets us use are deleted with the consent. Without the
        // register consent nothing is evaluated again; without the income consent the next run decides again
        // without income (its notices carry the same keys, so nothing already told is told twice).
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM EligibilityResult WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
        return revoked;
    }
}
