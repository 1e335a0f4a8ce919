namespace Portal.Web.Hosting;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the SQLite database and the data-protection keys live; relative to the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Seeds the demo accounts. Only ever honoured in the Development environment.</summary>
    public bool SeedDemoData { get; set; } = true;

    public string ResolveDataFolder(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataFolder) ? DataFolder : Path.Combine(contentRoot, DataFolder));
}

/// <summary>The "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>HTTPS redirection, HSTS and Secure-only cookies. On by default outside Development.</summary>
    public bool? RequireHttps { get; set; }

    public int SignInAttemptsPerMinute { get; set; } = 10;
    public int SignUpsPerHour { get; set; } = 20;

    /// <summary>
    /// How long a node trusts its last check that a session's account is still enabled and unchanged.
    /// A disabled account or a changed password ends open sessions within this time.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 30;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>The "Maps" configuration section: where map tiles come from.</summary>
public sealed class MapOptions
{
    public const string Section = "Maps";

    public string TileUrlTemplate { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The origin tiles are loaded from, for the Content-Security-Policy; null when tiles are off.</summary>
    public string? TileOrigin =>
        Uri.TryCreate(TileUrlTemplate.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}

/// <summary>The "Authentication:OpenIdConnect" section: an external identity provider, on when Authority and ClientId are set.</summary>
public sealed class ExternalProviderOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "City ID";
    /// <summary>Name under which external logins are stored, for example "city-id" or "line".</summary>
    public string ProviderKey { get; set; } = "oidc";
    public string[] Scopes { get; set; } = ["openid", "profile", "email"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
