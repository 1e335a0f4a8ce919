namespace Portal.Web.Notifications.Email;

/// <summary>How the SMTP connection is secured; mirrors MailKit's choices.</summary>
public enum EmailSecurity
{
    /// <summary>TLS on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The "Notifications:Email" section. E-mail is on when Host and FromAddress are set.</summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public EmailSecurity Security { get; set; } = EmailSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? FromAddress { get; set; }
    public string FromName { get; set; } = "ちばポータル";

    /// <summary>How long the link in an address verification message works.</summary>
    public int VerificationHours { get; set; } = 24;

    /// <summary>Verification messages one account may ask for in an hour.</summary>
    public int VerificationsPerHour { get; set; } = 5;

    /// <summary>Seconds allowed for connecting and each SMTP command.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(FromAddress);
}
