using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Legal;
using Portal.Tests.Infrastructure;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>
/// The portal with documents of its own in which the terms of use have a second version in force: version 1 of each
/// document took effect on 1 January 2026, terms version 2 on 1 June 2026 (both before any day the tests run on).
/// </summary>
public sealed class RevisedPoliciesAppFactory : PortalAppFactory
{
    public static readonly DateOnly FirstDay = new(2026, 1, 1);
    public static readonly DateOnly RevisedDay = new(2026, 6, 1);

    private static readonly Dictionary<string, string> Texts = new()
    {
        ["terms/1.ja.md"] = "## 第1条　試験 {#article-1}\n\n最初の版の利用規約です。\n",
        ["terms/1.en.md"] = "## Article 1. Test {#article-1}\n\nThe first version of the terms.\n",
        ["terms/2.ja.md"] = "## 第1条　試験 {#article-1}\n\n改定した利用規約です。\n",
        ["terms/2.en.md"] = "## Article 1. Test {#article-1}\n\nThe revised terms.\n",
        ["privacy/1.ja.md"] = "## 1. 試験 {#common}\n\n記録は{{auditYears}}年間保存します。\n",
        ["privacy/1.en.md"] = "## 1. Test {#common}\n\nRecords are kept for {{auditYears}} years.\n",
        ["accessibility/1.ja.md"] = "## 方針 {#policy}\n\n試験の方針です。\n",
        ["accessibility/1.en.md"] = "## Policy {#policy}\n\nA test policy.\n",
    };

    private static PolicyManifestEntry Entry(int version, DateOnly effective) =>
        new(version, effective, true, new Dictionary<string, string> { ["ja"] = "", ["en"] = "" });

    public static PolicyLibrary Library { get; } = new(new Dictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>>
    {
        [PolicyKind.Terms] = [Entry(1, FirstDay), Entry(2, RevisedDay)],
        [PolicyKind.Privacy] = [Entry(1, FirstDay)],
        [PolicyKind.Accessibility] = [Entry(1, FirstDay)],
    }, name => Texts.GetValueOrDefault(name));

    public static PolicyVersion TermsV1 => Library.Catalog.Find(PolicyKind.Terms, 1)!;
    public static PolicyVersion TermsV2 => Library.Catalog.Find(PolicyKind.Terms, 2)!;
    public static PolicyVersion PrivacyV1 => Library.Catalog.Find(PolicyKind.Privacy, 1)!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(Library));
    }

    /// <summary>A resident who signed up before the revision: accepted terms 1 and privacy 1, not terms 2.</summary>
    public async Task<UserAccount> ResidentBeforeTheRevisionAsync() =>
        await ResidentAsync(TermsV1, PrivacyV1);

    /// <summary>A resident with the given acceptances (none: an account made at an outside identity provider, say).</summary>
    public async Task<UserAccount> ResidentAsync(params PolicyVersion[] accepted)
    {
        StartServer();
        var result = await Services.GetRequiredService<AccountService>().RegisterResidentAsync(new ResidentRegistration
        {
            Email = $"resident-{Guid.NewGuid():N}@test.chiba-portal.jp", DisplayName = "改定 確認", Password = Password, ConfirmPassword = Password,
            AcceptTerms = true,
        }, "127.0.0.1", CancellationToken.None);
        Assert.True(result.Succeeded);
        await Services.GetRequiredService<IPolicyAcceptanceStore>().RecordAsync(result.Value!.Id, accepted, DateTimeOffset.UtcNow.AddDays(-200), CancellationToken.None);
        return result.Value!;
    }
}

[CollectionDefinition(Name)]
public sealed class RevisedPoliciesCollection : ICollectionFixture<RevisedPoliciesAppFactory>
{
    public const string Name = "Portal app: revised policies";
}
