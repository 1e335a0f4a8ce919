using Dapper;
using Portal.Core.Accounts;
using Portal.Data.Database;

namespace Portal.Data.Accounts;

/// <summary>The reads of <see cref="IAccountDataReader"/> over the portal's database.</summary>
public sealed class AccountDataRepository(PortalDatabase db) : IAccountDataReader
{
    public async Task<IReadOnlyList<ConsentHistoryRow>> ConsentHistoryAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Purpose, string TextVersion, DateTimeOffset GivenUtc, DateTimeOffset? RevokedUtc)>(new CommandDefinition(
            "SELECT Purpose, TextVersion, GivenUtc, RevokedUtc FROM ForYouConsent WHERE AccountId = @accountId ORDER BY GivenUtc, Id",
            new { accountId }, cancellationToken: ct));
        return rows.Select(r => new ConsentHistoryRow(r.Purpose, r.TextVersion, r.GivenUtc, r.RevokedUtc)).ToList();
    }

    public async Task<IReadOnlyList<LinkedTicketRow>> LinkedTicketsAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long TicketId, string OfficeId, string BusinessDate, string Prefix, long Number, string State, string Kind,
            DateTimeOffset IssuedUtc, DateTimeOffset SubscribedUtc)>(new CommandDefinition("""
            SELECT t.Id, t.OfficeId, t.BusinessDate, t.Prefix, CAST(t.Number AS BIGINT), t.State, s.Kind, t.IssuedUtc, s.CreatedUtc
            FROM QueueNoticeSubscription s JOIN QueueTicket t ON t.Id = s.TicketId
            WHERE s.AccountId = @accountId
            ORDER BY t.IssuedUtc, t.Id, s.Kind
            """, new { accountId }, cancellationToken: ct));
        return rows.Select(r => new LinkedTicketRow(r.TicketId, r.OfficeId, r.BusinessDate, r.Prefix, (int)r.Number, r.State, r.Kind, r.IssuedUtc,
            r.SubscribedUtc)).ToList();
    }

    public async Task<AccountLinksRow> LinksAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var email = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT EmailVerifiedUtc FROM UserAccount WHERE Id = @accountId", new { accountId }, cancellationToken: ct));
        var line = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT LinkedUtc FROM LineLink WHERE AccountId = @accountId", new { accountId }, cancellationToken: ct));
        var register = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM RegisterResident WHERE AccountId = @accountId", new { accountId }, cancellationToken: ct));
        var providers = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT Provider FROM ExternalLogin WHERE AccountId = @accountId ORDER BY Provider", new { accountId }, cancellationToken: ct));
        return new AccountLinksRow(email, line, register > 0, providers.ToList());
    }
}
