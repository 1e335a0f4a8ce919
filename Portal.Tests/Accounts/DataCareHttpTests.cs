using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Benefits;
using Portal.Core.Points;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;
using SkiaSharp;

namespace Portal.Tests.Accounts;

/// <summary>A resident's data export and account deletion over real HTTP, against the whole app.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class DataCareHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A resident with a report (public name, contact, a photo), 120 points and the register consent.</summary>
    private async Task<(UserAccount Resident, Report Report)> SeedResidentAsync()
    {
        var name = "データ " + Guid.NewGuid().ToString("N")[..6];
        var resident = await app.CreateAccountAsync(Role.Resident, name: name);
        using var bitmap = new SKBitmap(320, 240);
        bitmap.Erase(new SKColor(30, 160, 90));
        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        var processed = await app.Services.GetRequiredService<IPhotoProcessor>().ProcessAsync(new MemoryStream(encoded.ToArray()), Ct);
        var key = await app.Services.GetRequiredService<IPhotoStore>().SaveAsync(processed.Photo!, Ct);
        var result = await app.Services.GetRequiredService<ReportService>().SubmitAsync(new ReportDraft
        {
            CategoryCode = "park-bench", Description = "ベンチが壊れています " + Guid.NewGuid().ToString("N")[..8],
            Latitude = 35.6083, Longitude = 140.1233, ShowName = true,
            Photos = [new NewPhoto(key, processed.Photo!.Width, processed.Photo.Height)],
        }, resident, "web", Ct);
        Assert.True(result.Succeeded);
        var ledger = app.Services.GetRequiredService<IPointLedger>();
        var funding = await ledger.OpenAccountAsync(PointAccountKind.Funding, "funding:data-care-tests", "テスト事業", Ct);
        await app.Services.GetRequiredService<PointsLedgerService>().CreditAsync(resident.Id, funding.Id, 120, "data-care:" + Guid.NewGuid().ToString("N"),
            "清掃活動", null, Ct);
        await app.Services.GetRequiredService<ForYouService>().GiveConsentAsync(resident.Id, ConsentPurpose.Register, Ct);
        return (resident, result.Value!);
    }

    [Fact]
    public async Task The_export_is_a_zip_of_the_residents_own_data_never_cached_and_once_a_minute()
    {
        var (resident, report) = await SeedResidentAsync();
        var alerts = app.Services.GetRequiredService<Portal.Core.Reports.Alerts.ReportAlertService>();
        Assert.True((await alerts.FollowAsync(report.Id, resident.Id, Ct)).Succeeded);
        var alert = (await alerts.CreateAsync(resident.Id, new Portal.Core.Reports.Alerts.AlertInput
        {
            Area = Portal.Core.Reports.Alerts.AlertArea.Radius, Latitude = 35.6083, Longitude = 140.1233, RadiusMeters = 1000,
        }, Ct)).Value!;
        using var client = await app.SignedInClientAsync(resident);

        using var response = await client.GetAsync("/account/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        using var json = JsonDocument.Parse(await ReadAsync(zip, "data.json"));
        var root = json.RootElement;
        Assert.Equal(resident.Email, root.GetProperty("account").GetProperty("email").GetString());
        var exported = Assert.Single(root.GetProperty("reports").EnumerateArray());
        Assert.Equal(report.Id, exported.GetProperty("id").GetInt64());
        Assert.EndsWith("Z", exported.GetProperty("createdAt").GetProperty("utc").GetString());
        Assert.EndsWith("+09:00", exported.GetProperty("createdAt").GetProperty("japan").GetString());
        var photo = exported.GetProperty("photos")[0].GetProperty("file").GetString()!;
        Assert.NotNull(zip.GetEntry(photo));
        Assert.Equal(120, root.GetProperty("points").GetProperty("balance").GetInt64());
        Assert.Single(root.GetProperty("points").GetProperty("lots").EnumerateArray());
        Assert.Equal("Register", Assert.Single(root.GetProperty("forYou").GetProperty("consents").EnumerateArray()).GetProperty("purpose").GetString());
        Assert.Contains(root.GetProperty("auditAboutYou").EnumerateArray(), a => a.GetProperty("action").GetString() == Portal.Core.Audit.AuditActions.AccountRegistered);
        // The reports followed and the area alerts.
        var reportAlerts = root.GetProperty("reportAlerts");
        Assert.Equal(report.Id, Assert.Single(reportAlerts.GetProperty("follows").EnumerateArray()).GetProperty("reportId").GetInt64());
        var exportedAlert = Assert.Single(reportAlerts.GetProperty("alerts").EnumerateArray());
        Assert.Equal((alert.Id, "Radius", 1000, "Both"), (exportedAlert.GetProperty("id").GetInt64(), exportedAlert.GetProperty("area").GetString(),
            exportedAlert.GetProperty("radiusMeters").GetInt32(), exportedAlert.GetProperty("events").GetString()));
        Assert.Contains("data.json", await ReadAsync(zip, "README.txt"));
        Assert.Equal(1, await CountAuditAsync("account.exported", resident.Id));

        using var again = await client.GetAsync("/account/export", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_export_or_delete_through_the_resident_endpoints()
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        using var client = await app.SignedInClientAsync(staff);

        using var export = await client.GetAsync("/account/export", Ct);
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        var page = await client.GetStringAsync("/account/delete", Ct);
        Assert.DoesNotContain("/account/delete/confirm", page);
    }

    [Fact]
    public async Task A_deletion_post_without_the_pages_antiforgery_token_is_refused_and_deletes_nothing()
    {
        var (resident, _) = await SeedResidentAsync();
        using var client = await app.SignedInClientAsync(resident);

        using var forged = await PostDeleteAsync(client, PortalAppFactory.Password, "削除", token: "");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False((await app.Services.GetRequiredService<IUserAccountRepository>().GetByIdAsync(resident.Id, Ct))!.IsDeleted);
    }

    [Fact]
    public async Task Deletion_keeps_the_report_public_without_the_person_closes_the_ledger_and_ends_every_session()
    {
        var (resident, report) = await SeedResidentAsync();
        using var client = await app.SignedInClientAsync(resident);
        using var otherDevice = await app.SignedInClientAsync(resident);

        using (var wrong = await PostDeleteAsync(client, "not-my-password", "削除"))
            Assert.Equal("/account/delete?error=password", wrong.Headers.Location?.OriginalString);
        using (var deleted = await PostDeleteAsync(client, PortalAppFactory.Password, "削除"))
            Assert.Equal("/account/deleted", deleted.Headers.Location?.OriginalString);

        using var anonymous = app.CreateBrowserlessClient();
        var page = await anonymous.GetStringAsync($"/reports/{report.Id}", Ct);
        Assert.Contains(report.Description, page);
        Assert.DoesNotContain(resident.DisplayName, page);
        var stored = (await app.Services.GetRequiredService<IReportRepository>().GetAsync(report.Id, Ct))!;
        Assert.Equal((null, null, null), (stored.ReporterId, stored.ReporterName, stored.ContactEmail));

        var ledger = app.Services.GetRequiredService<IPointLedger>();
        var wallet = (await ledger.AccountByCodeAsync(PointAccount.WalletCode(resident.Id), Ct))!;
        Assert.Equal(0, wallet.Balance);
        var closing = Assert.Single(await ledger.HistoryAsync(wallet.Id, new WalletHistoryQuery(Kind: PointTransactionKind.Expire), Ct));
        Assert.Equal(-120, closing.Amount);
        Assert.True((await app.Services.GetRequiredService<PointsLedgerService>().CheckIntegrityAsync(Ct)).IsClean);
        Assert.Empty(await app.Services.GetRequiredService<IConsentStore>().CurrentAsync(resident.Id, Ct));

        using (var fresh = app.CreateBrowserlessClient())
        using (var signIn = await PortalAppFactory.PostSignInAsync(fresh, resident.Email, PortalAppFactory.Password))
            Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        using (var old = await otherDevice.GetAsync("/account", Ct))
            Assert.Contains("/account/signin", old.Headers.Location?.OriginalString ?? "");

        // The other device still holds the old cookie: a repeated post (a double submit, a retry) is sent to sign in and changes nothing.
        using (var repeat = await PostDeleteAsync(otherDevice, PortalAppFactory.Password, "削除", token: ""))
            Assert.Contains("/account/signin", repeat.Headers.Location?.OriginalString ?? "");
        Assert.Equal(1, await CountAuditAsync("account.deleted", resident.Id));
        Assert.Equal(1, await CountClosingTransactionsAsync(resident.Id));
    }

    private static async Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, string password, string confirmation, string? token = null)
    {
        token ??= PortalAppFactory.HiddenValue(await client.GetStringAsync("/account/delete", Ct), "__RequestVerificationToken");
        return await client.PostAsync("/account/delete/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["password"] = password,
            ["confirmation"] = confirmation,
        }), Ct);
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync(Ct);
    }

    private async Task<int> CountAuditAsync(string action, long accountId)
    {
        await using var connection = await app.Services.GetRequiredService<PortalDatabase>().OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditEntry WHERE Action = @action AND EntityId = @id",
            new { action, id = accountId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private async Task<int> CountClosingTransactionsAsync(long accountId)
    {
        await using var connection = await app.Services.GetRequiredService<PortalDatabase>().OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointTransaction WHERE IdempotencyKey LIKE @key",
            new { key = $"account-deleted:{accountId}:%" });
    }
}
