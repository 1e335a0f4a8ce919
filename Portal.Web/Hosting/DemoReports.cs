using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;

namespace Portal.Web.Hosting;

/// <summary>
/// A few hundred demo reports spread over the six wards, every category and every state, filed by
/// synthetic residents over the last six months. Deterministic (a fixed seed), seeded once.
/// </summary>
public static class DemoReports
{
    public const int Count = 300;

    private static readonly Dictionary<ReportField, string[]> Texts = new()
    {
        [ReportField.Road] =
        [
            "交差点の手前に大きな穴があり、自転車が避けようとしてふらついています。",
            "夜になると街灯が点かず、歩道が真っ暗です。",
            "カーブミラーが曲がっていて、対向車が見えません。",
            "歩道のタイルが浮いていて、つまずきそうになりました。",
            "雨のあと、道路に大きな水たまりができます。",
        ],
        [ReportField.Park] =
        [
            "すべり台の手すりがぐらついています。子どもが使うので心配です。",
            "ベンチの板が割れていて、座ると危ないです。",
            "植え込みの木の枝が伸びて、通路をふさいでいます。",
            "公園の水飲み場の水が止まりません。",
        ],
        [ReportField.Litter] =
        [
            "空き地に家電や粗大ごみが捨てられています。",
            "ごみ集積所の周りにごみが散らかっています。",
            "川沿いの草むらにタイヤが何本も捨てられています。",
        ],
        [ReportField.Other] =
        [
            "高架下の壁にスプレーで落書きがされています。",
            "バス停の案内板が壊れています。",
            "公衆トイレの扉が閉まりません。",
        ],
    };

    private static readonly string[] Responses =
    [
        "ご連絡ありがとうございます。現地を確認します。",
        "担当課で対応を進めています。",
        "補修工事を予定しています。",
        "対応が完了しました。ご協力ありがとうございました。",
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var reports = sp.GetRequiredService<IReportRepository>();
        if (await reports.CountPublishedAsync(new ReportFilter(Take: 0), ct) > 0) return;

        var signUp = sp.GetRequiredService<Portal.Core.Legal.ResidentSignUpService>();
        var accountRepository = sp.GetRequiredService<IUserAccountRepository>();
        var categories = await sp.GetRequiredService<IReportCategoryRepository>().ListAsync(false, ct);
        var offices = await sp.GetRequiredService<IOfficeRepository>().ListAsync(ct);
        var wards = sp.GetRequiredService<IWardLocator>();
        var themes = await sp.GetRequiredService<Portal.Core.Reports.Themes.IReportThemeRepository>().ListAsync(ct);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var staff = await accountRepository.GetByEmailAsync(DemoData.Accounts.First(a => a.Role == Role.Staff).Email, ct);
        var random = new Random(2026);
        var processor = sp.GetRequiredService<IPhotoProcessor>();
        var store = sp.GetRequiredService<IPhotoStore>();

        var residents = new List<UserAccount>();
        for (var i = 1; i <= 12; i++)
        {
            var email = $"resident{i:00}@demo.chiba-portal.jp";
            var existing = await accountRepository.GetByEmailAsync(email, ct);
            existing ??= (await signUp.SignUpAsync(new ResidentRegistration
            {
                Email = email, DisplayName = $"市民 {i:00}", Password = DemoData.Password, ConfirmPassword = DemoData.Password, AcceptTerms = true,
            }, null, ct)).Value;
            if (existing is not null) residents.Add(existing);
        }

        for (var i = 0; i < Count; i++)
        {
            var office = offices[i % offices.Count];
            // Within about 2 km of the ward office, kept inside the city.
            var at = new GeoPoint(office.Latitude + (random.NextDouble() - 0.5) * 0.036, office.Longitude + (random.NextDouble() - 0.5) * 0.044);
            if (!CityArea.Contains(at)) at = new GeoPoint(office.Latitude, office.Longitude);
            var category = categories[random.Next(categories.Count)];
            var texts = Texts[category.Field];
            var reporter = residents[random.Next(residents.Count)];
            var created = now.AddDays(-random.Next(1, 180)).AddMinutes(-random.Next(0, 1440));
            var ward = wards.Locate(at);
            // Most reports that fit an open theme (its period, categories and area) were sent into it.
            var theme = i % 4 == 3 ? null : themes.FirstOrDefault(t => t.Refusal(created, category.Code, at, ward) is null);
            var report = Report.Submit($"demo-{i}", reporter.Id, random.Next(3) == 0 ? reporter.DisplayName : null, reporter.Email,
                random.Next(10) == 0 ? ReportKind.Fixed : ReportKind.Problem, category.Code, texts[random.Next(texts.Length)], at, ward, "web", created,
                themeCode: theme?.Code);
            // Every fourth report has a picture, published as if staff had checked it.
            var photos = new List<NewPhoto>();
            if (i % 4 == 0)
            {
                using var picture = new MemoryStream(DemoImages.Draw(category.Field, i));
                var processed = await processor.ProcessAsync(picture, ct);
                if (processed.Succeeded)
                    photos.Add(new NewPhoto(await store.SaveAsync(processed.Photo, ct), processed.Photo.Width, processed.Photo.Height));
            }
            report = await reports.SubmitAsync(report, photos, ct);
            foreach (var photo in await reports.PhotosAsync(report.Id, ct))
                await reports.SavePhotoAsync(photo with { IsPublished = true }, ct);
            if (staff is null) continue;

            // Walk the report along a plausible path, leaving some where they are.
            var path = (i % 10) switch
            {
                0 or 1 => Array.Empty<ReportStatus>(),
                2 => [ReportStatus.Accepted],
                3 => [ReportStatus.Accepted, ReportStatus.InProgress],
                4 => [ReportStatus.Accepted, ReportStatus.ActionScheduled],
                5 or 6 or 7 => [ReportStatus.Accepted, ReportStatus.InProgress, ReportStatus.Fixed],
                8 => [ReportStatus.Referred],
                _ => [ReportStatus.NoFurtherAction],
            };
            var when = created;
            foreach (var (status, step) in path.Select((s, n) => (s, n)))
            {
                when = when.AddDays(random.Next(1, 10));
                if (when > now) break;
                var response = status == ReportStatus.Fixed ? Responses[3] : Responses[Math.Min(step, 2)];
                await reports.SaveAsync(report, report.MoveTo(status, staff.Id, response, null, when), ct);
            }
            for (var s = random.Next(0, 4); s > 0; s--)
            {
                var supporter = residents[random.Next(residents.Count)];
                if (supporter.Id != reporter.Id && report.IsOpen) await reports.AddMeTooAsync(report.Id, supporter.Id, when, ct);
            }
        }
        await sp.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, "demo.reports-seeded", ReportAuditActions.Entity, null, $"{Count} reports", ct);
    }
}
