using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>
/// Writes notices into the outbox. Call <see cref="EnqueueAsync(DbConnection, DbTransaction, Notice, CancellationToken)"/>
/// inside the transaction of the event that causes the notice, so that either both are saved or neither.
/// A background worker delivers what is written here.
/// </summary>
public interface INoticeOutbox
{
    /// <summary>
    /// Adds the notice and one delivery per channel the recipient wants and the portal has switched on.
    /// Returns false when a notice with the same dedup key was already written: nothing is added then.
    /// </summary>
    Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, Notice notice, CancellationToken ct);

    /// <summary>Adds the notice in a transaction of its own, for events that have none.</summary>
    Task<bool> EnqueueAsync(Notice notice, CancellationToken ct);

    /// <summary>
    /// Adds many notices in the caller's transaction, reading each account's channels once however many notices it
    /// gets (a nightly run tells one resident of several benefits). Returns how many were new.
    /// </summary>
    Task<int> EnqueueManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Notice> notices, CancellationToken ct);
}

public sealed class NoticeOutbox(PortalDatabase db, ActiveChannels active, TimeProvider? time = null) : INoticeOutbox
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<bool> EnqueueAsync(Notice notice, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => EnqueueAsync(connection, transaction, notice, ct), ct);

    public Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, Notice notice, CancellationToken ct) =>
        EnqueueAsync(connection, transaction, notice, destinationsSeen: null, ct);

    public async Task<int> EnqueueManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var seen = new Dictionary<(long, NoticeKind), (long?, string, List<(NoticeChannel, string)>)>();
        var added = 0;
        foreach (var notice in notices)
            if (await EnqueueAsync(connection, transaction, notice, seen, ct)) added++;
        return added;
    }

    private async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, Notice notice,
        Dictionary<(long, NoticeKind), (long?, string, List<(NoticeChannel, string)>)>? destinationsSeen, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.DedupKey);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM Notice{db.Dialect.LockForUpdate} WHERE DedupKey = @DedupKey", new { notice.DedupKey }, transaction, cancellationToken: ct));
        if (exists > 0) return false;

        var (accountId, culture, destinations) = notice.Recipient switch
        {
            NoticeRecipient.Account a when destinationsSeen?.TryGetValue((a.AccountId, notice.Kind), out var known) == true => known,
            NoticeRecipient.Account a => await AccountDestinationsAsync(connection, transaction, a.AccountId, notice.Kind, ct),
            NoticeRecipient.Address a => (a.AccountId, a.Culture, active.IsOn(a.Channel) ? [(a.Channel, a.Destination)] : new List<(NoticeChannel, string)>()),
            _ => throw new ArgumentOutOfRangeException(nameof(notice)),
        };

        if (notice.Recipient is NoticeRecipient.Account recipient && destinationsSeen is not null)
            destinationsSeen[(recipient.AccountId, notice.Kind)] = (accountId, culture, destinations);

        var now = _time.GetUtcNow();
        var noticeId = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO Notice (DedupKey, Kind, AccountId, Culture, ValuesJson, Link, CreatedUtc)
            VALUES (@DedupKey, @Kind, @accountId, @culture, @values, @Link, @now){db.Dialect.SelectInsertedId}
            """,
            new { notice.DedupKey, Kind = notice.Kind.ToString(), accountId, culture, values = JsonSerializer.Serialize(notice.Values), notice.Link, now },
            transaction, cancellationToken: ct));

        foreach (var (channel, destination) in destinations)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO NoticeDelivery (NoticeId, Channel, Destination, Status, Attempts, NextAttemptUtc)
                VALUES (@noticeId, @channel, @destination, 'Pending', 0, @now)
                """, new { noticeId, channel = channel.ToString(), destination, now }, transaction, cancellationToken: ct));
        }
        return true;
    }

    /// <summary>Where an account's notice of one kind goes: every channel that is on, linked and not switched off.</summary>
    private async Task<(long?, string, List<(NoticeChannel, string)>)> AccountDestinationsAsync(
        DbConnection connection, DbTransaction transaction, long accountId, NoticeKind kind, CancellationToken ct)
    {
        var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            "SELECT Email, EmailVerifiedUtc, PreferredCulture FROM UserAccount WHERE Id = @accountId",
            new { accountId }, transaction, cancellationToken: ct))
            ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var off = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT Channel FROM NoticePreference WHERE AccountId = @accountId AND Kind = @kind AND Enabled = 0",
            new { accountId, kind = kind.ToString() }, transaction, cancellationToken: ct))).ToHashSet();
        bool Wanted(NoticeChannel channel) => active.IsOn(channel) && !off.Contains(channel.ToString());

        var destinations = new List<(NoticeChannel, string)>();
        if (Wanted(NoticeChannel.InApp))
            destinations.Add((NoticeChannel.InApp, accountId.ToString(CultureInfo.InvariantCulture)));
        if (Wanted(NoticeChannel.Email) && account.EmailVerifiedUtc is not null)
            destinations.Add((NoticeChannel.Email, account.Email));
        if (Wanted(NoticeChannel.Line))
        {
            var lineUser = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT LineUserId FROM LineLink WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
            if (lineUser is not null) destinations.Add((NoticeChannel.Line, lineUser));
        }
        if (Wanted(NoticeChannel.WebPush))
        {
            var subscriptions = await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT Id FROM PushSubscription WHERE AccountId = @accountId ORDER BY Id", new { accountId }, transaction, cancellationToken: ct));
            destinations.AddRange(subscriptions.Select(id => (NoticeChannel.WebPush, id.ToString(CultureInfo.InvariantCulture))));
        }
        return (accountId, account.PreferredCulture ?? "ja", destinations);
    }

    private sealed class AccountRow
    {
        public string Email { get; set; } = "";
        public DateTimeOffset? EmailVerifiedUtc { get; set; }
        public string? PreferredCulture { get; set; }
    }
}

/// <summary>Core's <see cref="INoticeQueue"/>: a notice in a transaction of its own, then the worker woken.</summary>
public sealed class NoticeQueue(INoticeOutbox outbox, IOutboxSignal signal) : INoticeQueue
{
    public async Task<bool> EnqueueAsync(Notice notice, CancellationToken ct)
    {
        var added = await outbox.EnqueueAsync(notice, ct);
        if (added) signal.Notify();
        return added;
    }
}
