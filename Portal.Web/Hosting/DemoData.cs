using Portal.Core.Accounts;
using Portal.Core.Audit;

namespace Portal.Web.Hosting;

/// <summary>
/// Demo accounts for every role, seeded only in the Development environment and listed in the README.
/// Seeding is idempotent: an account that exists is left as it is.
/// </summary>
public static class DemoData
{
    public const string Password = "Chiba-Demo-2026";

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
    }
}
