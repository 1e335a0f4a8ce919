namespace Portal.Core.Notifications;

/// <summary>What a notice is about. Each kind has a ja/en template and can be switched off by the resident.</summary>
public enum NoticeKind
{
    TicketNear,
    TicketCalled,
    ReportStatusChanged,
    SupporterReminder,
    BenefitNewlyEligible,
    PointsExpiring,
    /// <summary>Staff called off a supporter task the resident signed up for.</summary>
    SupporterTaskCancelled,
    /// <summary>A link to set a new password, asked for on "forgot password": e-mail only, never switched off.</summary>
    PasswordReset,
    /// <summary>
    /// Sign-in was locked after failed attempts. The sign-in page gives a stranger the same answer as for a wrong
    /// password, so the owner learns of the lock this way, on every channel they have, never switched off.
    /// </summary>
    AccountLocked,
    /// <summary>An admin stopped the account, with the reason they gave.</summary>
    AccountDisabled,
    /// <summary>An admin restored a stopped account, with the reason they gave.</summary>
    AccountEnabled,
    /// <summary>
    /// A report was fixed or closed: its reporter and everyone who said "me too" are asked "is it fixed?", answered on
    /// the report's page until the follow-up period ends.
    /// </summary>
    ReportFixedCheck,
    /// <summary>A resident answered 「まだ直っていない」: the staff member the report is assigned to looks again.</summary>
    ReportReopenRequested,
    /// <summary>A report the resident follows changed its public status or staff answered on it publicly.</summary>
    ReportFollowedUpdate,
    /// <summary>The day's digest of one area alert: new reports and status changes in the ward, circle or category.</summary>
    ReportAlertDigest,
    /// <summary>Staff referred the resident's report to an outside body (the prefecture, a railway, a utility, the police), named in the notice.</summary>
    ReportReferred,
    /// <summary>A report referred to an outside body, sent to that body by e-mail or webhook (never to a resident).</summary>
    ReportReferral,
}

/// <summary>Kinds about the account itself rather than a service: sent to one address, not chosen in the settings.</summary>
public static class AccountNotices
{
    public static bool IsAccountMessage(NoticeKind kind) =>
        kind is NoticeKind.PasswordReset or NoticeKind.AccountLocked or NoticeKind.AccountDisabled or NoticeKind.AccountEnabled;
}

/// <summary>How a notice reaches a person. In-app is always on for signed-in residents.</summary>
public enum NoticeChannel
{
    InApp,
    Email,
    Line,
    WebPush,
    /// <summary>A signed HTTP POST to an outside body's address (referrals only); the destination is the body's id.</summary>
    Webhook,
}

/// <summary>
/// A notice to send, written to the outbox in the same transaction as the event that causes it.
/// <paramref name="DedupKey"/> names the event ("ticket:812:near", "report:45:update:77"): a second notice
/// with the same key is ignored, so retrying the event never notifies twice. <paramref name="Values"/> fill
/// the kind's template; <paramref name="Link"/> is a path inside the portal ("/reports/45").
/// </summary>
public sealed record Notice(
    NoticeKind Kind,
    NoticeRecipient Recipient,
    string DedupKey,
    IReadOnlyDictionary<string, string> Values,
    string? Link);

/// <summary>Who a notice goes to.</summary>
public abstract record NoticeRecipient
{
    private NoticeRecipient() { }

    /// <summary>A portal account: the channels and kinds follow the account's preferences.</summary>
    public sealed record Account(long AccountId) : NoticeRecipient;

    /// <summary>
    /// Someone without an account, who gave one address for one purpose (an e-mail address or a push
    /// subscription on a ticket page). <paramref name="Destination"/> is the e-mail address, the LINE user id
    /// or the push subscription's id. <paramref name="AccountId"/> names the account a message about itself goes to
    /// this way (a password reset link to its address only): the notice is then the account's, for the admins' log and
    /// for deleting the account, without reaching its other channels.
    /// </summary>
    public sealed record Address(NoticeChannel Channel, string Destination, string Culture, long? AccountId = null) : NoticeRecipient;
}
