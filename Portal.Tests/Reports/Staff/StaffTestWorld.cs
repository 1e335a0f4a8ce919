using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Web.Security;
using Portal.Web.Languages;

namespace Portal.Tests.Reports.Staff;

/// <summary>
/// The real report services over a fresh SQLite database, a fixed clock, and a bUnit context signed in as
/// a staff member of Chuo ward office (or an administrator), for the back-office report page tests.
/// </summary>
public sealed class StaffTestWorld : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    public static readonly GeoPoint Chiba = new(35.6083, 140.1233);
    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private readonly string _photoFolder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Make it in the test class's constructor: the Japanese culture set here flows into the test and the renderer.</summary>
    public StaffTestWorld()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ja");
        var db = _database.Database;
        Accounts = new UserAccountRepository(db);
        Reports = new RecordingReportRepository(new ReportRepository(db, Clock));
        Categories = new ReportCategoryRepository(db);
        Offices = new OfficeRepository(db);
        Audit = new AuditLogRepository(db);
        var offices = Offices.ListAsync(CancellationToken.None).GetAwaiter().GetResult();
        Scopes = new StaffScopes(Accounts);
        ThemeRepository = new ReportThemeRepository(db);
        var routing = new ReportRoutingRepository(db);
        Service = new ReportService(Reports, Categories, new NearestOfficeLocator(offices), new DuplicateFinder(Reports), new AuditTrail(Audit, Clock), Clock, Scopes,
            themes: ThemeRepository, router: new Portal.Core.Reports.Routing.ReportRouter(routing));
        Themes = new Portal.Core.Reports.Themes.ReportThemeService(ThemeRepository, Categories, Offices, new AuditTrail(Audit, Clock), Clock);
        Routing = new Portal.Core.Reports.Routing.ReportRoutingService(routing, Reports, Categories, Offices, Accounts, Service, Scopes, new AuditTrail(Audit, Clock),
            Clock, new Portal.Web.Accounts.DataProtectionSecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()),
            new Portal.Core.Notifications.NotificationOptions { PublicBaseUrl = "https://portal.example.jp" }, Places);
        Supporters = new SupporterService(new SupporterTaskRepository(db), Reports, new AuditTrail(Audit, Clock), Clock, Scopes);
        Alerts = new Portal.Core.Reports.Alerts.ReportAlertService(new ReportAlertRepository(db, time: Clock), Reports, Categories, Offices,
            new Portal.Web.Accounts.DataProtectionSecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), Clock, AlertOptions);
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>One landmark, a few metres from <see cref="Chiba"/>: the pages name that place 「千葉テスト公園の近く」.</summary>
    public Gazetteer Places { get; } = Gazetteer.FromGeoJson("""
        { "type": "FeatureCollection", "features": [ { "type": "Feature", "properties": { "name": "千葉テスト公園", "name:en": "Chiba Test Park" },
          "geometry": { "type": "Point", "coordinates": [140.1235, 35.6085] } } ] }
        """);
    public Portal.Data.Database.PortalDatabase Database => _database.Database;
    public UserAccountRepository Accounts { get; }
    public RecordingReportRepository Reports { get; }
    public ReportCategoryRepository Categories { get; }
    public OfficeRepository Offices { get; }
    public AuditLogRepository Audit { get; }
    public ReportService Service { get; }
    public ReportThemeRepository ThemeRepository { get; }
    public Portal.Core.Reports.Themes.ReportThemeService Themes { get; }
    public Portal.Core.Reports.Routing.ReportRoutingService Routing { get; }
    public StaffScopes Scopes { get; }
    public SupporterService Supporters { get; }
    /// <summary>Following reports and area alerts (the report page's follow button, the alerts page).</summary>
    public Portal.Core.Reports.Alerts.ReportAlertService Alerts { get; }
    /// <summary>The alert settings <see cref="Alerts"/> reads (a test may lower the limit).</summary>
    public Portal.Core.Reports.Alerts.ReportAlertOptions AlertOptions { get; } = new();

    /// <param name="cityWide">Give the staff member the city-wide permission (every ward's work).</param>
    public async Task<UserAccount> StaffAsync(string name, string office = "chuo", Role role = Role.Staff, bool cityWide = false)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", name, "hash", role, Roles.NeedsOffice(role) ? office : null, Now.AddYears(-1));
        Assert.True(await Accounts.CreateAsync(account, Ct));
        if (cityWide) await Accounts.SetCityWideAsync(account.Id, true, Ct);
        return account;
    }

    public async Task<Report> ReportAsync(string ward = "chuo", string category = "road-pothole", int daysAgo = 1, GeoPoint? at = null, string description = "歩道に穴があります",
        string? reporterName = null, string? email = null, TimeSpan? age = null, IReadOnlyList<NewPhoto>? photos = null)
    {
        var report = Report.Submit(Guid.NewGuid().ToString("N"), null, reporterName, email, ReportKind.Problem, category, description, at ?? Chiba, ward, "web",
            Now - (age ?? TimeSpan.FromDays(daysAgo)));
        return await Reports.SubmitAsync(report, photos ?? [], Ct);
    }

    public static Actor ActorOf(UserAccount account) => Actor.For(account, "192.0.2.1");

    /// <summary>Registers the services the report pages inject and signs the bUnit context in as the account.</summary>
    public void Prepare(BunitContext context, UserAccount signedIn)
    {
        context.Services.AddPortalLocalization();
        context.Services.AddMudServices();
        context.Services.AddSingleton<TimeProvider>(Clock);
        context.Services.AddSingleton<IReportRepository>(Reports);
        context.Services.AddSingleton(Places);
        // Photos a page takes (the report form, "still not fixed"), kept under the world's own folder unless the test gave its own.
        context.Services.TryAddSingleton(new Portal.Core.Reports.Photos.ReportPhotoService(new Portal.Web.Reports.Photos.SkiaPhotoProcessor(),
            new Portal.Web.Reports.Photos.FilePhotoStore(_photoFolder), new PhotoUploadRepository(Database), Clock));
        context.Services.AddSingleton<IReportCategoryRepository>(Categories);
        context.Services.AddSingleton<IOfficeRepository>(Offices);
        context.Services.AddSingleton<IUserAccountRepository>(Accounts);
        context.Services.AddSingleton<IAuditLog>(Audit);
        context.Services.AddSingleton(Service);
        context.Services.AddSingleton(Themes);
        context.Services.AddSingleton<Portal.Core.Reports.Themes.IReportThemeRepository>(ThemeRepository);
        context.Services.AddSingleton(Routing);
        context.Services.AddSingleton(Scopes);
        context.Services.AddSingleton(Supporters);
        context.Services.AddSingleton(Alerts);
        context.Services.AddScoped<RequestOrigin>();
        context.Services.AddScoped<CurrentActor>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, signedIn.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, signedIn.Email),
        };
        if (signedIn.OfficeId is { } office) claims.Add(new Claim(PortalClaims.Office, office));
        context.AddAuthorization().SetAuthorized(signedIn.DisplayName).SetRoles(signedIn.Role.ToString()).SetClaims([.. claims]);
        context.Render<MudPopoverProvider>();
    }

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_photoFolder)) Directory.Delete(_photoFolder, recursive: true);
    }
}

/// <summary>The real repository, remembering every inbox filter a page asked with.</summary>
public sealed class RecordingReportRepository(IReportRepository inner) : IReportRepository
{
    public List<InboxFilter> InboxFilters { get; } = [];

    public Task<IReadOnlyList<Report>> InboxAsync(InboxFilter filter, CancellationToken ct)
    {
        lock (InboxFilters) InboxFilters.Add(filter);
        return inner.InboxAsync(filter, ct);
    }

    public Task<int> CountInboxAsync(InboxFilter filter, CancellationToken ct) => inner.CountInboxAsync(filter, ct);
    public Task<Report> SubmitAsync(Report report, IReadOnlyList<NewPhoto> photos, CancellationToken ct) => inner.SubmitAsync(report, photos, ct);
    public Task<Report> SubmitAssistedAsync(Report report, IReadOnlyList<NewPhoto> photos, ReportIntake intake, CancellationToken ct) =>
        inner.SubmitAssistedAsync(report, photos, intake, ct);
    public Task<ReportIntake?> IntakeAsync(long reportId, CancellationToken ct) => inner.IntakeAsync(reportId, ct);
    public Task<Report?> GetAsync(long id, CancellationToken ct) => inner.GetAsync(id, ct);
    public Task SaveAsync(Report report, ReportUpdate update, Func<long, IReadOnlyList<Portal.Core.Notifications.Notice>>? notices, CancellationToken ct) =>
        inner.SaveAsync(report, update, notices, ct);
    public Task<IReadOnlyList<long>> MeTooAccountsAsync(long reportId, CancellationToken ct) => inner.MeTooAccountsAsync(reportId, ct);
    public Task<ReportFollowUp?> FollowUpAsync(long reportId, long accountId, DateTimeOffset closedUtc, CancellationToken ct) =>
        inner.FollowUpAsync(reportId, accountId, closedUtc, ct);
    public Task<bool> SaveFollowUpAsync(ReportFollowUp answer, Report? reopened, ReportUpdate? update,
        Func<long, IReadOnlyList<Portal.Core.Notifications.Notice>>? notices, IReadOnlyList<NewPhoto> photos, CancellationToken ct) =>
        inner.SaveFollowUpAsync(answer, reopened, update, notices, photos, ct);
    public Task<IReadOnlyList<ReportUpdate>> HistoryAsync(long reportId, CancellationToken ct) => inner.HistoryAsync(reportId, ct);
    public Task<IReadOnlyList<ReportPhoto>> PhotosAsync(long reportId, CancellationToken ct) => inner.PhotosAsync(reportId, ct);
    public Task SavePhotoAsync(ReportPhoto photo, CancellationToken ct) => inner.SavePhotoAsync(photo, ct);
    public Task<ReportPhoto?> GetPhotoAsync(long photoId, CancellationToken ct) => inner.GetPhotoAsync(photoId, ct);
    public Task<IReadOnlyDictionary<long, long>> CoverPhotosAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct) => inner.CoverPhotosAsync(reportIds, ct);
    public Task<IReadOnlyList<Report>> NearestOpenAsync(string categoryCode, GeoPoint at, BoundingBox area, int max, CancellationToken ct) =>
        inner.NearestOpenAsync(categoryCode, at, area, max, ct);
    public Task<IReadOnlyList<ReportSummary>> SearchPublishedAsync(ReportFilter filter, CancellationToken ct) => inner.SearchPublishedAsync(filter, ct);
    public Task<int> CountPublishedAsync(ReportFilter filter, CancellationToken ct) => inner.CountPublishedAsync(filter, ct);
    public Task<IReadOnlyList<Report>> ListByReporterAsync(long reporterId, CancellationToken ct) => inner.ListByReporterAsync(reporterId, ct);
    public Task<OpenReportsGlance> OpenOfReporterAsync(long reporterId, IReadOnlyCollection<ReportStatus> open, int take, CancellationToken ct) =>
        inner.OpenOfReporterAsync(reporterId, open, take, ct);
    public Task<bool> AddMeTooAsync(long reportId, long accountId, DateTimeOffset now, CancellationToken ct) => inner.AddMeTooAsync(reportId, accountId, now, ct);
    public Task<bool> HasSaidMeTooAsync(long reportId, long accountId, CancellationToken ct) => inner.HasSaidMeTooAsync(reportId, accountId, ct);
}
