using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>An account's in-app notices: those whose in-app delivery has been sent.</summary>
public sealed class NoticeInboxRepository(PortalDatabase db) : INoticeInbox
{
    private const string Delivered = """
        n.AccountId = @accountId
        AND EXISTS (SELECT 1 FROM NoticeDelivery d WHERE d.NoticeId = n.Id AND d.Channel = 'InApp' AND d.Status = 'Sent')
        """;

    public async Task<int> CountUnreadAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM Notice n WHERE {Delivered} AND n.ReadUtc IS NULL", new { accountId }, cancellationToken: ct));
    }

    public async Task<int> CountAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM Notice n WHERE {Delivered}", new { accountId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<InboxNotice>> ListAsync(long accountId, int skip, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT n.Id, n.Kind, n.Culture, n.ValuesJson, n.Link, n.CreatedUtc, n.ReadUtc
            FROM Notice n WHERE {Delivered}
            ORDER BY n.CreatedUtc DESC, n.Id DESC{db.Dialect.Page}
            """, new { accountId, Skip = skip, Take = take }, cancellationToken: ct));
        return rows.Select(r => new InboxNotice(r.Id, Enum.Parse<NoticeKind>(r.Kind), r.Culture, NoticeDeliveryRepository.ReadValues(r.ValuesJson),
            r.Link, r.CreatedUtc, r.ReadUtc)).ToList();
    }

    public async Task<bool> MarkReadAsync(long accountId, long noticeId, DateTimeOffset now, CancellationToken ct) =>
        await db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Notice SET ReadUtc = @now WHERE Id = @noticeId AND AccountId = @accountId AND ReadUtc IS NULL",
            new { accountId, noticeId, now }, transaction, cancellationToken: ct)), ct) == 1;

    public Task<int> MarkAllReadAsync(long accountId, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE Notice SET ReadUtc = @now WHERE Id IN (SELECT n.Id FROM Notice n WHERE {Delivered} AND n.ReadUtc IS NULL)",
            new { accountId, now }, transaction, cancellationToken: ct)), ct);

    private sealed class Row
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Culture { get; set; } = "";
        public string ValuesJson { get; set; } = "{}";
        public string? Link { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset? ReadUtc { get; set; }
    }
}
