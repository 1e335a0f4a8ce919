namespace Portal.Web.Notifications.Line;

/// <summary>
/// The "Notifications:Line" section. Pushing needs a Messaging API channel access token; linking a resident's
/// LINE account needs a LINE Login channel (LoginChannelId and LoginChannelSecret). Without the token the
/// channel is off.
/// </summary>
public sealed class LineOptions
{
    public const string Section = "Notifications:Line";

    /// <summary>The Messaging API channel's long-lived access token.</summary>
    public string? ChannelAccessToken { get; set; }

    /// <summary>Where the Messaging API lives; a test points it at a local server.</summary>
    public string BaseAddress { get; set; } = "https://api.line.me";

    public string? LoginChannelId { get; set; }
    public string? LoginChannelSecret { get; set; }
    public string AuthorizeAddress { get; set; } = "https://access.line.me/oauth2/v2.1/authorize";
    public string TokenAddress { get; set; } = "https://api.line.me/oauth2/v2.1/token";
    public string ProfileAddress { get; set; } = "https://api.line.me/v2/profile";

    /// <summary>
    /// The address LINE sends the resident back to, registered in the LINE Login channel. Empty: built from the
    /// request as {scheme}://{host}/notifications/line/callback.
    /// </summary>
    public string? CallbackAddress { get; set; }

    /// <summary>Seconds allowed for one call to LINE.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public bool CanPush => !string.IsNullOrWhiteSpace(ChannelAccessToken);

    public bool CanLink => CanPush && !string.IsNullOrWhiteSpace(LoginChannelId) && !string.IsNullOrWhiteSpace(LoginChannelSecret);

    /// <summary>The origin of the authorization page, which the Content-Security-Policy must let a form redirect to.</summary>
    public string? AuthorizeOrigin =>
        CanLink && Uri.TryCreate(AuthorizeAddress, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
