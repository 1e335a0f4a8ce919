using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Legal;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Legal;
using Portal.Tests.Infrastructure;
using Portal.Web.Accounts;

namespace Portal.Tests.Legal;

/// <summary>The acceptance table against every provider available: SQLite always, SQL Server when configured.</summary>
public sealed class PolicyAcceptanceContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 2, 3, 456, TimeSpan.Zero);
    private static readonly DateOnly Effective = new(2026, 12, 7);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> AccountAsync(PortalDatabase db)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", Role.Resident, null, Now);
        Assert.True(await new UserAccountRepository(db).CreateAsync(account, Ct));
        return account.Id;
    }

    private static PolicyVersion Terms(int number) => new(PolicyKind.Terms, number, Effective.AddMonths(number - 1));

    private static readonly PolicyVersion Privacy1 = new(PolicyKind.Privacy, 1, Effective);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Acceptances_read_back_per_account_with_their_UTC_time(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new PolicyAcceptanceRepository(test.Database);
        var hanako = await AccountAsync(test.Database);
        var taro = await AccountAsync(test.Database);

        Assert.Equal(2, await repository.RecordAsync(hanako, [Terms(1), Privacy1], Now, Ct));
        Assert.Equal(1, await repository.RecordAsync(hanako, [Terms(2)], Now.AddDays(40), Ct));

        Assert.Equal(
            [new PolicyAcceptance(PolicyKind.Privacy, 1, Now), new PolicyAcceptance(PolicyKind.Terms, 1, Now), new PolicyAcceptance(PolicyKind.Terms, 2, Now.AddDays(40))],
            await repository.ListAsync(hanako, Ct));
        Assert.Empty(await repository.ListAsync(taro, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Accepting_a_version_again_keeps_the_first_time(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new PolicyAcceptanceRepository(test.Database);
        var hanako = await AccountAsync(test.Database);
        await repository.RecordAsync(hanako, [Terms(1)], Now, Ct);

        // A double tap and a second tab at the same moment.
        var again = await Task.WhenAll(
            repository.RecordAsync(hanako, [Terms(1), Privacy1], Now.AddMinutes(1), Ct),
            repository.RecordAsync(hanako, [Terms(1), Privacy1], Now.AddMinutes(1), Ct));

        Assert.Equal(1, again.Sum());
        Assert.Equal(Now, Assert.Single(await repository.ListAsync(hanako, Ct), a => a.Kind == PolicyKind.Terms).AcceptedUtc);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_an_unknown_account_document_or_version(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var hanako = await AccountAsync(test.Database);
        await using var connection = await test.Database.OpenAsync(Ct);
        const string insert = "INSERT INTO PolicyAcceptance (AccountId, Kind, Version, AcceptedUtc) VALUES (@account, @kind, @version, @now)";

        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { account = hanako + 1000, kind = "terms", version = 1, now = Now }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { account = hanako, kind = "accessibility", version = 1, now = Now }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { account = hanako, kind = "terms", version = 0, now = Now }));
        Assert.Empty(await new PolicyAcceptanceRepository(test.Database).ListAsync(hanako, Ct));
    }
}

/// <summary>Sign-up records the versions the form showed, through the real account and acceptance repositories on SQLite.</summary>
public sealed class ResidentSignUpTests : IDisposable
{
    private static readonly PolicyCatalog Catalog = new([
        new PolicyVersion(PolicyKind.Terms, 1, new DateOnly(2026, 12, 1)), new PolicyVersion(PolicyKind.Terms, 2, new DateOnly(2027, 1, 1)),
        new PolicyVersion(PolicyKind.Privacy, 1, new DateOnly(2026, 12, 1)), new PolicyVersion(PolicyKind.Accessibility, 1, new DateOnly(2026, 12, 1))]);

    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 31, 14, 59, 0, TimeSpan.Zero)); // 23:59 on 31 December in Japan
    private readonly UserAccountRepository _accounts;
    private readonly PolicyAcceptanceService _policies;
    private readonly ResidentSignUpService _signUp;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ResidentSignUpTests()
    {
        _accounts = new UserAccountRepository(_db.Database);
        var audit = new AuditTrail(new AuditLogRepository(_db.Database), _time);
        _policies = new PolicyAcceptanceService(Catalog, new PolicyAcceptanceRepository(_db.Database), audit, _time);
        _signUp = new ResidentSignUpService(new AccountService(_accounts, new AspNetPasswordHasher(), audit, _time, LockoutPolicy.Default, TestNotices.Queue(_db.Database, _time)), _policies);
    }

    public void Dispose() => _db.Dispose();

    private static ResidentRegistration Registration(string? shown) => new()
    {
        Email = $"{Guid.NewGuid():N}@example.jp", DisplayName = "千葉 花子", Password = "umi-no-mieru-machi", ConfirmPassword = "umi-no-mieru-machi",
        AcceptTerms = true, AcceptedPolicies = shown,
    };

    [Fact]
    public async Task Sign_up_records_the_versions_the_form_showed_and_when()
    {
        var result = await _signUp.SignUpAsync(Registration("terms=1; privacy=1"), "192.0.2.1", Ct);

        Assert.True(result.Succeeded);
        Assert.Equal([(PolicyKind.Terms, 1), (PolicyKind.Privacy, 1)],
            (await _policies.AcceptedAsync(result.Value!.Id, Ct)).Select(a => (a.Kind, a.Version)).Order());
        Assert.All(await _policies.AcceptedAsync(result.Value!.Id, Ct), a => Assert.Equal(_time.GetUtcNow(), a.AcceptedUtc));
        Assert.Empty(await _policies.PendingAsync(result.Value.Id, Ct));
    }

    [Fact]
    public async Task A_version_that_took_effect_while_the_form_was_open_stops_the_sign_up_and_creates_no_account()
    {
        var registration = Registration("terms=1; privacy=1");
        _time.Advance(TimeSpan.FromMinutes(1)); // 1 January in Japan: terms version 2

        var result = await _signUp.SignUpAsync(registration, null, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal((nameof(ResidentRegistration.AcceptTerms), PolicyErrors.ChangedSinceShown), (result.Errors[0].PropertyName, result.Errors[0].ErrorMessage));
        Assert.Null(await _accounts.GetByEmailAsync(registration.Email, Ct));
        Assert.True((await _signUp.SignUpAsync(Registration("terms=2; privacy=1"), null, Ct)).Succeeded);
    }

    [Fact]
    public async Task Without_a_form_the_versions_in_force_are_recorded()
    {
        var result = await _signUp.SignUpAsync(Registration(null), null, Ct);

        Assert.Empty(await _policies.PendingAsync(result.Value!.Id, Ct));
    }

    [Fact]
    public async Task Bad_input_records_nothing()
    {
        var registration = Registration("terms=1; privacy=1");
        registration.AcceptTerms = false;

        var result = await _signUp.SignUpAsync(registration, null, Ct);

        Assert.Contains(result.Errors, e => e.ErrorMessage == ValidationKeys.TermsRequired);
        Assert.Null(await _accounts.GetByEmailAsync(registration.Email, Ct));
    }
}
