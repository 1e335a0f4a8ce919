namespace Portal.Web.Notifications.WebPush;

/// <summary>
/// The "Notifications:WebPush" section. Web Push needs no outside account: unless switched off, the portal makes
/// its VAPID key pair on first run and keeps it in the data folder; PublicKey and PrivateKey set here win over that.
/// </summary>
public sealed class WebPushOptions
{
    public const string Section = "Notifications:WebPush";

    public bool Enabled { get; set; } = true;

    /// <summary>How push services can reach the portal's operators: a mailto: or https: address.</summary>
    public string Subject { get; set; } = "mailto:portal@city.chiba.example";

    /// <summary>The VAPID public key (uncompressed P-256 point, base64url). Empty: the stored or new key pair is used.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The VAPID private key (the 32-byte P-256 scalar, base64url).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>How long a push service keeps a message for a device that is offline, in seconds.</summary>
    public int TimeToLiveSeconds { get; set; } = 24 * 60 * 60;

    /// <summary>Hosts push subscriptions may point at, beside the built-in list of browsers' push services. ".example.com" matches subdomains.</summary>
    public string[] AllowedEndpointHosts { get; set; } = [];

    /// <summary>Also accept http://127.0.0.1 endpoints. For tests only.</summary>
    public bool AllowLoopbackEndpoints { get; set; }

    /// <summary>Subscriptions one client address may post in an hour.</summary>
    public int SubscriptionsPerHour { get; set; } = 60;

    /// <summary>Seconds allowed for one call to a push service.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public bool HasConfiguredKeys => !string.IsNullOrWhiteSpace(PublicKey) && !string.IsNullOrWhiteSpace(PrivateKey);
}
