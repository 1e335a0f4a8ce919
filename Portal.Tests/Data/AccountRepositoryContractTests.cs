using Portal.Core.Accounts;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>The same cases against every provider available: SQLite always, SQL Server when configured.</summary>
public sealed class AccountRepositoryContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 15, 123, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UserAccount NewAccount(string email, Role role = Role.Resident, string? office = null) =>
        UserAccount.Create(email, "名前 " + email, "hash", role, office, Now);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_account_reads_back_as_it_was_stored(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);
        var account = NewAccount("staff@example.jp", Role.Staff, "mihama");

        Assert.True(await repository.CreateAsync(account, Ct));
        var read = await repository.GetByIdAsync(account.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal(("staff@example.jp", "名前 staff@example.jp", Role.Staff, "mihama", false), (read.Email, read.DisplayName, read.Role, read.OfficeId, read.IsDisabled));
        Assert.Equal(Now, read.CreatedUtc);
        Assert.Equal(account.SecurityStamp, read.SecurityStamp);
        Assert.Null(read.LockoutEndUtc);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task E_mail_addresses_are_unique_whatever_their_case(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);

        Assert.True(await repository.CreateAsync(NewAccount("hanako@example.jp"), Ct));
        var second = NewAccount("hanako@example.jp");
        Assert.False(await repository.CreateAsync(second, Ct));
        Assert.Equal(0, second.Id);
        Assert.NotNull(await repository.GetByEmailAsync("HANAKO@example.jp", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sign_in_state_and_lockouts_are_saved(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);
        var account = NewAccount("locked@example.jp");
        await repository.CreateAsync(account, Ct);
        for (var i = 0; i < 5; i++) account.RecordFailedSignIn(Now, LockoutPolicy.Default);
        account.SetPreferredCulture("en");

        await repository.UpdateAsync(account, Ct);
        var read = (await repository.GetByIdAsync(account.Id, Ct))!;

        Assert.Equal(5, read.FailedSignInCount);
        Assert.Equal(Now.AddMinutes(15), read.LockoutEndUtc);
        Assert.True(read.IsLockedOut(Now.AddMinutes(1)));
        Assert.Equal("en", read.PreferredCulture);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_filters_by_text_role_office_and_state_and_pages(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);
        foreach (var i in Enumerable.Range(1, 5)) await repository.CreateAsync(NewAccount($"chuo{i}@example.jp", Role.Staff, "chuo"), Ct);
        await repository.CreateAsync(NewAccount("mihama@example.jp", Role.Staff, "mihama"), Ct);
        var disabled = NewAccount("kiosk@example.jp", Role.Kiosk, "chuo");
        await repository.CreateAsync(disabled, Ct);
        disabled.Disable();
        await repository.UpdateAsync(disabled, Ct);

        Assert.Equal(5, await repository.CountAsync(new AccountQuery(Role: Role.Staff, OfficeId: "chuo"), Ct));
        Assert.Equal(["chuo3@example.jp", "chuo4@example.jp"],
            (await repository.SearchAsync(new AccountQuery(Role: Role.Staff, OfficeId: "chuo", Skip: 2, Take: 2), Ct)).Select(a => a.Email));
        Assert.Equal("mihama@example.jp", Assert.Single(await repository.SearchAsync(new AccountQuery(Text: "mihama"), Ct)).Email);
        Assert.Equal("kiosk@example.jp", Assert.Single(await repository.SearchAsync(new AccountQuery(Disabled: true), Ct)).Email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_external_login_finds_its_account(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);
        var account = NewAccount("line@example.jp");
        await repository.CreateAsync(account, Ct);
        await repository.LinkExternalLoginAsync(account.Id, new ExternalLogin("line", "U123"), Ct);

        Assert.Equal(account.Id, (await repository.GetByExternalLoginAsync(new ExternalLogin("line", "U123"), Ct))?.Id);
        Assert.Null(await repository.GetByExternalLoginAsync(new ExternalLogin("oidc", "U123"), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_six_ward_offices_are_there_in_the_city_s_order(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var offices = await new Portal.Data.Offices.OfficeRepository(test.Database).ListAsync(Ct);
        Assert.Equal(["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"], offices.Select(o => o.Id));
        Assert.Equal("美浜区役所", offices[^1].Name.Japanese);
    }
}
