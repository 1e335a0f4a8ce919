namespace Portal.Core.Notifications;

/// <summary>The "Notifications" configuration section: how the delivery worker paces itself.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Tries before a delivery goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Deliveries one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often the worker looks for due deliveries when nobody signals it.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>How long a claimed delivery stays the worker's before another may take it over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>The portal's public address, for links in e-mail, LINE and push ("https://portal.city.chiba.jp").</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>An absolute address for a portal path ("/reports/45"), or null when the notice has no link.</summary>
    public string? AbsoluteUrl(string? link)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.ToString();
        return PublicBaseUrl.TrimEnd('/') + "/" + link.TrimStart('/');
    }
}
