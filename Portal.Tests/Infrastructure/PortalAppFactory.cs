using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The whole portal on Kestrel at a real 127.0.0.1 port, with its own SQLite database in a temporary
/// folder. Tests create the accounts they need with unique e-mail addresses, so they share one server
/// and still run in any order.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-2026";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDataFolder;

    public PortalAppFactory() : this(new Dictionary<string, string?>()) { }

    /// <summary>A server with some settings changed, for a test that needs its own (a low rate limit, say).</summary>
    public static PortalAppFactory With(IDictionary<string, string?> settings) => new(settings);

    protected PortalAppFactory(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = NewDataFolder(),
            ["Portal:SeedDemoData"] = "false",
            ["Security:RequireHttps"] = "false",
            ["Security:SignInAttemptsPerMinute"] = "10000",
            ["Security:SignUpsPerHour"] = "10000",
            ["Security:SessionCheckSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            // Kiosks issue tickets whatever the hour the tests run at.
            ["Queues:IgnoreHours"] = "true",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
        // A folder given by the test belongs to the test, which may hand it to a second server.
        _ownsDataFolder = !settings.ContainsKey("Portal:DataFolder");
        DataFolder = _settings["Portal:DataFolder"]!;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public string DataFolder { get; }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The address the server listens on, for example http://127.0.0.1:41234.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not map the build-time static web assets (MudBlazor, Leaflet) by itself.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>
    /// An account of the given role that no other test uses. A resident signs up as through the form, accepting the
    /// terms of use and privacy policy in force, so is not asked to accept them on their first page.
    /// </summary>
    public async Task<UserAccount> CreateAccountAsync(Role role, string? officeId = null, string? name = null)
    {
        StartServer();
        var accounts = Services.GetRequiredService<AccountService>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.chiba-portal.jp";
        CommandResult<UserAccount> result;
        if (role == Role.Resident)
        {
            result = await Services.GetRequiredService<Portal.Core.Legal.ResidentSignUpService>().SignUpAsync(new ResidentRegistration
            {
                Email = email, DisplayName = name ?? "テスト 市民", Password = Password, ConfirmPassword = Password, AcceptTerms = true,
            }, "127.0.0.1", CancellationToken.None);
        }
        else
        {
            result = await accounts.CreateAccountAsync(Actor.System, new NewAccount
            {
                Email = email, DisplayName = name ?? $"テスト {role}", Role = role,
                OfficeId = Roles.NeedsOffice(role) ? officeId ?? "chuo" : null, Password = Password,
            }, CancellationToken.None);
        }
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.ErrorMessage)));
        return result.Value!;
    }

    /// <summary>A staff account of the office holding the city-wide permission, as an administrator grants it.</summary>
    public async Task<UserAccount> CreateCityWideStaffAsync(string? officeId = null, string? name = null)
    {
        var staff = await CreateAccountAsync(Role.Staff, officeId, name);
        var repository = Services.GetRequiredService<IUserAccountRepository>();
        await repository.SetCityWideAsync(staff.Id, true, CancellationToken.None);
        return (await repository.GetByIdAsync(staff.Id, CancellationToken.None))!;
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see where they lead.</summary>
    public HttpClient CreateBrowserlessClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = ServerAddress,
        };

    /// <summary>Signs in through the real sign-in form (antiforgery token and all) and returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync("/account/signin" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "",
        };
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(fields));
    }

    public async Task<HttpClient> SignedInClientAsync(UserAccount account)
    {
        var client = CreateBrowserlessClient();
        using var response = await PostSignInAsync(client, account.Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"No hidden field {name} in the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_ownsDataFolder) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One portal server shared by the HTTP and browser tests of a collection.</summary>
[CollectionDefinition(Name)]
public sealed class PortalAppCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Portal app";
}
