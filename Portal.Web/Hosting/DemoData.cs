using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports.Open311;

namespace Portal.Web.Hosting;

/// <summary>
/// Demo accounts for every role, seeded only in the Development environment and listed in the README.
/// Seeding is idempotent: an account that exists is left as it is.
/// </summary>
public static class DemoData
{
    public const string Password = "Chiba-Demo-2026";

    /// <summary>
    /// The Open311 API key the README's <c>curl</c> POST uses, so a newcomer can file a report through the API on a fresh
    /// clone. Public on purpose, like the demo password: it exists only where the demo data does (Development).
    /// </summary>
    public const string Open311ApiKey = "o311_demo-chiba-portal-2026";

    public const string Open311ApiKeyName = "デモ (README の curl)";

    /// <param name="CityWide">Holds the city-wide permission (every ward's work, the register, the whole city's statistics).</param>
    public sealed record DemoAccount(string Email, string DisplayName, Role Role, string? OfficeId, bool CityWide = false);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@demo.chiba-portal.jp", "千葉 管理者", Role.Admin, null),
        new("staff.chuo@demo.chiba-portal.jp", "中央 職員", Role.Staff, "chuo"),
        new("staff.mihama@demo.chiba-portal.jp", "美浜 職員", Role.Staff, "mihama"),
        new("kiosk.chuo@demo.chiba-portal.jp", "中央区役所 発券機", Role.Kiosk, "chuo"),
        new("staff.city@demo.chiba-portal.jp", "市役所 職員", Role.Staff, "chuo", CityWide: true),
    ];

    public static readonly ResidentRegistration Resident = new()
    {
        Email = "resident@demo.chiba-portal.jp",
        DisplayName = "千葉 花子",
        Password = Password,
        ConfirmPassword = Password,
        AcceptTerms = true,
    };

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var repository = scope.ServiceProvider.GetRequiredService<IUserAccountRepository>();
        foreach (var account in Accounts)
        {
            if (await repository.GetByEmailAsync(account.Email, ct) is not null) continue;
            var created = await accounts.CreateAccountAsync(Actor.System, new NewAccount
            {
                Email = account.Email, DisplayName = account.DisplayName, Role = account.Role, OfficeId = account.OfficeId, Password = Password,
            }, ct);
            // Granted by the demo administrator, so the audit trail shows the grant as it would for a real one.
            if (account.CityWide && created.Value is { } staff && await repository.GetByEmailAsync(Accounts[0].Email, ct) is { } admin)
                await accounts.SetCityWideAsync(Actor.For(admin, null), staff.Id, true, ct);
        }
        // Through sign-up, so the demo resident has accepted the terms and privacy policy in force and is not asked.
        if (await repository.GetByEmailAsync(Resident.Email, ct) is null)
            await scope.ServiceProvider.GetRequiredService<Portal.Core.Legal.ResidentSignUpService>().SignUpAsync(Resident, null, ct);
        await SeedOpen311KeyAsync(scope.ServiceProvider, ct);
    }

    /// <summary>
    /// The README's key, stored as an issued key is (its hash only) and listed at /admin/open311, where an administrator
    /// can revoke it; seeded once, and never again once revoked.
    /// </summary>
    private static async Task SeedOpen311KeyAsync(IServiceProvider services, CancellationToken ct)
    {
        var keys = services.GetRequiredService<IOpen311ApiKeyRepository>();
        var hash = Open311ApiKeyService.Hash(Open311ApiKey);
        if (await keys.FindByHashAsync(hash, ct) is not null) return;
        var key = await keys.CreateAsync(Open311ApiKeyName, hash, null, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        await services.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, Open311AuditActions.KeyIssued, Open311AuditActions.Entity,
            key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Open311ApiKeyName, ct);
    }
}
