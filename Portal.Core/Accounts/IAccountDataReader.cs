namespace Portal.Core.Accounts;

/// <summary>A For You consent as stored, given and (if so) withdrawn.</summary>
public sealed record ConsentHistoryRow(string Purpose, string TextVersion, DateTimeOffset GivenUtc, DateTimeOffset? RevokedUtc);

/// <summary>A queue ticket a signed-in resident asked to be told about.</summary>
public sealed record LinkedTicketRow(long TicketId, string OfficeId, string BusinessDate, string Prefix, int Number, string State,
    string Kind, DateTimeOffset IssuedUtc, DateTimeOffset SubscribedUtc);

/// <summary>How the account's channels and links stand.</summary>
public sealed record AccountLinksRow(DateTimeOffset? EmailVerifiedUtc, DateTimeOffset? LineLinkedUtc, bool RegisterLinked,
    IReadOnlyList<string> ExternalProviders);

/// <summary>
/// The few reads the resident's data export needs that no capability's repository offers: the whole consent history,
/// queue tickets linked to the account, and the state of its links. Everything else comes from the capability's own
/// repository. Read only.
/// </summary>
public interface IAccountDataReader
{
    Task<IReadOnlyList<ConsentHistoryRow>> ConsentHistoryAsync(long accountId, CancellationToken ct);

    Task<IReadOnlyList<LinkedTicketRow>> LinkedTicketsAsync(long accountId, CancellationToken ct);

    Task<AccountLinksRow> LinksAsync(long accountId, CancellationToken ct);
}
