using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>A resident's notice choices (NoticePreference rows, one per kind and channel) and what their channels can reach.</summary>
public sealed class NoticePreferenceRepository(PortalDatabase db) : INoticePreferences
{
    // NoticePreference_Read: the account's channels, its switched-off choices and whether For You looks for it (the
    // register consent given, a register record linked), which decides whether its notice is the resident's to choose.
    public async Task<NoticeSettings> GetAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition("""
            SELECT a.PreferredCulture, a.EmailVerifiedUtc,
                   (SELECT COUNT(*) FROM LineLink l WHERE l.AccountId = a.Id) AS LineLinks,
                   (SELECT COUNT(*) FROM PushSubscription p WHERE p.AccountId = a.Id) AS PushDevices,
                   (SELECT COUNT(*) FROM ForYouConsent c WHERE c.AccountId = a.Id AND c.Purpose = 'Register' AND c.RevokedUtc IS NULL) AS ForYouConsents,
                   (SELECT COUNT(*) FROM RegisterResident r WHERE r.AccountId = a.Id) AS RegisterLinks
            FROM UserAccount a WHERE a.Id = @accountId
            """, new { accountId }, cancellationToken: ct)) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var off = await connection.QueryAsync<(string Kind, string Channel)>(new CommandDefinition(
            "SELECT Kind, Channel FROM NoticePreference WHERE AccountId = @accountId AND Enabled = 0", new { accountId }, cancellationToken: ct));
        var switchedOff = off
            .Where(o => Enum.TryParse<NoticeKind>(o.Kind, out _))
            .Select(o => (Enum.Parse<NoticeKind>(o.Kind), Enum.Parse<NoticeChannel>(o.Channel)))
            .ToHashSet();
        return new NoticeSettings(account.PreferredCulture, account.EmailVerifiedUtc is not null, account.LineLinks > 0, account.PushDevices, switchedOff,
            account.ForYouConsents > 0, account.RegisterLinks > 0);
    }

    // NoticePreference_Set: the row for the kind and channel is replaced in one write transaction, so two taps in a row
    // leave the second one's value.
    public Task SetAsync(long accountId, NoticeKind kind, NoticeChannel channel, bool on, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var args = new { accountId, kind = kind.ToString(), channel = channel.ToString(), enabled = on ? 1 : 0 };
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM NoticePreference WHERE AccountId = @accountId AND Kind = @kind AND Channel = @channel", args, transaction, cancellationToken: ct));
            return await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO NoticePreference (AccountId, Kind, Channel, Enabled) VALUES (@accountId, @kind, @channel, @enabled)",
                args, transaction, cancellationToken: ct));
        }, ct);

    private sealed class AccountRow
    {
        public string? PreferredCulture { get; set; }
        public DateTimeOffset? EmailVerifiedUtc { get; set; }
        public int LineLinks { get; set; }
        public int PushDevices { get; set; }
        public int ForYouConsents { get; set; }
        public int RegisterLinks { get; set; }
    }
}
