using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Open311;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

public sealed class Open311RepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static Open311ApiKeyService Keys(PortalDatabase db, TimeProvider time) =>
        new(new Open311ApiKeyRepository(db), new AuditTrail(new AuditLogRepository(db), time), time);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_is_stored_as_its_hash_works_until_revoked_and_both_steps_are_audited(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var time = new FakeTimeProvider(Now);
        var keys = Keys(test.Database, time);
        var admin = new Actor(null, "admin@example.jp", "Admin", "127.0.0.1");

        var issued = await keys.IssueAsync(admin, "  ちば協働アプリ  ", Ct);

        Assert.Equal(("ちば協働アプリ", Open311ApiKeyService.Hash(issued.PlainKey), Now, true),
            (issued.Key.Name, issued.Key.KeyHash, issued.Key.CreatedUtc, issued.Key.IsActive));
        await using (var connection = await test.Database.OpenAsync(Ct))
        {
            var stored = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT Name FROM Open311ApiKey UNION ALL SELECT KeyHash FROM Open311ApiKey", cancellationToken: Ct));
            Assert.DoesNotContain(stored, s => s.Contains(issued.PlainKey, StringComparison.Ordinal));
        }
        Assert.Equal(issued.Key.Id, (await keys.AuthenticateAsync(issued.PlainKey, Ct))?.Id);
        Assert.Null(await keys.AuthenticateAsync(issued.PlainKey + "x", Ct));
        Assert.Null(await keys.AuthenticateAsync(null, Ct));

        time.Advance(TimeSpan.FromDays(1));
        Assert.True(await keys.RevokeAsync(admin, issued.Key.Id, Ct));
        Assert.False(await keys.RevokeAsync(admin, issued.Key.Id, Ct));

        Assert.Null(await keys.AuthenticateAsync(issued.PlainKey, Ct));
        Assert.Equal(Now.AddDays(1), Assert.Single(await keys.ListAsync(Ct)).RevokedUtc);
        var audit = new AuditLogRepository(test.Database);
        Assert.Single(await audit.SearchAsync(new AuditQuery(Action: Open311AuditActions.KeyIssued), Ct));
        Assert.Equal(issued.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(await audit.SearchAsync(new AuditQuery(Action: Open311AuditActions.KeyRevoked), Ct)).EntityId);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_keys_with_the_same_hash_cannot_exist(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new Open311ApiKeyRepository(test.Database);
        var hash = Open311ApiKeyService.Hash("same");
        await repo.CreateAsync("a", hash, null, Now, Ct);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => repo.CreateAsync("b", hash, null, Now, Ct));
        Assert.True(test.Database.Dialect.IsUniqueViolation(e));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Requests_are_published_reports_with_the_latest_public_response_and_first_published_photo(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var reports = new ReportRepository(test.Database);
        var requests = new Open311RequestRepository(test.Database);
        Report New(string key, DateTimeOffset at) => Report.Submit(key, null, null, "secret@example.jp", ReportKind.Problem, "road-pothole", "説明", ReportTests.Chiba, "chuo", "web", at);

        var answered = await reports.SubmitAsync(New("a", Now.AddDays(-3)), [new NewPhoto("p1", 10, 10), new NewPhoto("p2", 10, 10)], Ct);
        await reports.SaveAsync(answered, answered.MoveTo(ReportStatus.Accepted, 9, "受け付けました", null, Now.AddDays(-2)), Ct);
        await reports.SaveAsync(answered, answered.AddInternalNote(9, "内部", Now.AddDays(-2).AddHours(1)), Ct);
        await reports.SaveAsync(answered, answered.MoveTo(ReportStatus.Fixed, 9, "修理しました", null, Now.AddDays(-1)), Ct);
        var photos = await reports.PhotosAsync(answered.Id, Ct);
        await reports.SavePhotoAsync(photos[1] with { IsPublished = true }, Ct);
        var quiet = await reports.SubmitAsync(New("b", Now.AddDays(-1)), [new NewPhoto("p3", 10, 10)], Ct);
        var hidden = await reports.SubmitAsync(New("c", Now), [], Ct);
        await reports.SaveAsync(hidden, hidden.MoveTo(ReportStatus.Hidden, 9, null, null, Now), Ct);

        var all = await requests.SearchAsync(new Open311RequestQuery(null, null, Now.AddDays(-10), null, null, 1000), Ct);

        Assert.Equal([quiet.Id, answered.Id], all.Select(r => r.Id));
        Assert.Equal(("修理しました", photos[1].Id, false), (all[1].StatusNotes, all[1].FirstPublishedPhotoId, all[1].IsOpen));
        Assert.Equal(((string?)null, (long?)null, true), (all[0].StatusNotes, all[0].FirstPublishedPhotoId, all[0].IsOpen));
        Assert.Equal([answered.Id], (await requests.SearchAsync(new Open311RequestQuery(null, null, null, null, false, 1000), Ct)).Select(r => r.Id));
        Assert.Equal([quiet.Id], (await requests.SearchAsync(new Open311RequestQuery(null, null, null, null, null, 1), Ct)).Select(r => r.Id));
        Assert.Equal([answered.Id], (await requests.SearchAsync(new Open311RequestQuery([answered.Id, hidden.Id], null, null, null, null, 1000), Ct)).Select(r => r.Id));
        Assert.Equal([answered.Id], (await requests.SearchAsync(new Open311RequestQuery(null, "road-pothole", Now.AddDays(-4), Now.AddDays(-2), null, 1000), Ct)).Select(r => r.Id));
        Assert.Empty(await requests.SearchAsync(new Open311RequestQuery(null, "park-bench", null, null, null, 1000), Ct));
    }
}
