using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Data.Accounts;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web;
using Portal.Web.Notifications.Email;
using Portal.Web.Languages;

namespace Portal.Tests.Notifications.Email;

/// <summary>The verification link's expiry, on a clock the test moves.</summary>
public sealed class EmailVerificationTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _db.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmailVerification Create() => new(
        new SmtpMailer(Options.Create(new EmailOptions { Host = "127.0.0.1", FromAddress = "noreply@city.chiba.example", VerificationHours = 24 })),
        new EphemeralDataProtectionProvider(), new ChannelAddressRepository(_db.Database), new UserAccountRepository(_db.Database),
        _services.GetRequiredService<IStringLocalizer<SharedResource>>(), _time, NullLogger<EmailVerification>.Instance);

    private async Task<UserAccount> ResidentAsync()
    {
        var account = UserAccount.Create($"r-{Guid.NewGuid():N}@example.jp", "市民", "hash", Role.Resident, null, _time.GetUtcNow());
        await new UserAccountRepository(_db.Database).CreateAsync(account, Ct);
        return account;
    }

    [Fact]
    public async Task The_link_works_until_its_hours_are_over_and_not_after()
    {
        var verification = Create();
        var early = await ResidentAsync();
        var late = await ResidentAsync();
        var earlyToken = verification.CreateToken(early.Id, early.Email);
        var lateToken = verification.CreateToken(late.Id, late.Email);

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(VerificationResult.Verified, await verification.VerifyAsync(earlyToken, Ct));
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(VerificationResult.Expired, await verification.VerifyAsync(lateToken, Ct));

        var addresses = new ChannelAddressRepository(_db.Database);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), await addresses.GetEmailVerifiedAsync(early.Id, Ct));
        Assert.Null(await addresses.GetEmailVerifiedAsync(late.Id, Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Anything_but_a_token_the_portal_sealed_is_invalid(string? token) =>
        Assert.Equal(VerificationResult.Invalid, await Create().VerifyAsync(token, Ct));

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent()
    {
        var verification = new EmailVerification(new SmtpMailer(Options.Create(new EmailOptions())), new EphemeralDataProtectionProvider(),
            new ChannelAddressRepository(_db.Database), new UserAccountRepository(_db.Database),
            _services.GetRequiredService<IStringLocalizer<SharedResource>>(), _time, NullLogger<EmailVerification>.Instance);
        var resident = await ResidentAsync();

        Assert.Equal(VerificationSendResult.EmailOff, await verification.SendAsync(resident.Id, new Uri("http://127.0.0.1/"), "ja", Ct));
    }
}
