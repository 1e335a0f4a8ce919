using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>A resident's notice choices (NoticePreference rows, one per kind and channel) and what their channels can reach.</summary>
public sealed class NoticePreferenceRepository(PortalDatabase db) : INoticePreferences
{
    public async Task<NoticeSettings> GetAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition("""
            SELECT a.PreferredCulture, a.EmailVerifiedUtc,
                   (SELECT COUNT(*) FROM LineLink l WHERE l.AccountId = a.Id) AS LineLinks,
                   (SELECT COUNT(*) FROM PushSubscription p WHERE p.AccountId = a.Id) AS PushDevices
            FROM UserAccount a WHERE a.Id = @accountId
            """, new { accountId }, cancellationToken: ct)) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var off = await connection.QueryAsync<(string Kind, string Channel)>(new CommandDefinition(
            "SELECT Kind, Channel FROM NoticePreference WHERE AccountId = @accountId AND Enabled = 0", new { accountId }, cancellationToken: ct));
        var switchedOff = off
            .Where(o => Enum.TryParse<NoticeKind>(o.Kind, out _))
            .Select(o => (Enum.Parse<NoticeKind>(o.Kind), Enum.Parse<NoticeChannel>(o.Channel)))
            .ToHashSet();
        return new NoticeSettings(account.PreferredCulture, account.EmailVerifiedUtc is not null, account.LineLinks > 0, account.PushDevices, switchedOff);
    }

    public Task SaveAsync(long accountId, IReadOnlySet<(NoticeKind Kind, NoticeChannel Channel)> switchedOff, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM NoticePreference WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
            foreach (var kind in NoticeSettings.Kinds)
                foreach (var channel in NoticeSettings.ChoosableChannels)
                {
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO NoticePreference (AccountId, Kind, Channel, Enabled) VALUES (@accountId, @kind, @channel, @enabled)
                        """, new { accountId, kind = kind.ToString(), channel = channel.ToString(), enabled = switchedOff.Contains((kind, channel)) ? 0 : 1 },
                        transaction, cancellationToken: ct));
                }
            return 0;
        }, ct);

    private sealed class AccountRow
    {
        public string? PreferredCulture { get; set; }
        public DateTimeOffset? EmailVerifiedUtc { get; set; }
        public int LineLinks { get; set; }
        public int PushDevices { get; set; }
    }
}
