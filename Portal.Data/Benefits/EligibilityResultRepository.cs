using Dapper;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Benefits;

public sealed class EligibilityResultRepository(PortalDatabase db, INoticeOutbox outbox, TimeProvider? time = null) : IEligibilityResults
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<Dictionary<long, HashSet<string>>> LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<(long AccountId, string BenefitCode)>(
            "SELECT AccountId, BenefitCode FROM EligibilityResult WHERE Result = 'Yes'").WithCancellation(ct);
        var result = new Dictionary<long, HashSet<string>>();
        await foreach (var (accountId, code) in rows)
        {
            if (!result.TryGetValue(accountId, out var codes)) result[accountId] = codes = new(StringComparer.Ordinal);
            codes.Add(string.IsInterned(code) ?? string.Intern(code));
        }
        return result;
    }

    public Task ApplyAsync(IReadOnlyList<EligibilityChange> changes, IReadOnlyList<Notice> notices, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            var added = changes.Where(c => c.NowEligible).Select(c => new { c.AccountId, c.BenefitCode, c.Version, now }).ToList();
            var removed = changes.Where(c => !c.NowEligible).Select(c => new { c.AccountId, c.BenefitCode }).ToList();
            if (added.Count > 0)
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO EligibilityResult (AccountId, BenefitCode, Result, Version, FirstSeenUtc, EvaluatedUtc)
                    VALUES (@AccountId, @BenefitCode, 'Yes', @Version, @now, @now)
                    """, added, transaction, cancellationToken: ct));
            if (removed.Count > 0)
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM EligibilityResult WHERE AccountId = @AccountId AND BenefitCode = @BenefitCode", removed, transaction, cancellationToken: ct));
            await outbox.EnqueueManyAsync(connection, transaction, notices, ct);
            return changes.Count;
        }, ct);

    public async Task<IReadOnlyList<StoredEligibility>> ForAccountAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string BenefitCode, int Version, DateTimeOffset FirstSeenUtc, string ResidentStatus)>(new CommandDefinition(
            "SELECT BenefitCode, Version, FirstSeenUtc, ResidentStatus FROM EligibilityResult WHERE AccountId = @accountId ORDER BY FirstSeenUtc DESC, BenefitCode",
            new { accountId }, cancellationToken: ct));
        return rows.Select(r => new StoredEligibility(r.BenefitCode, r.Version, r.FirstSeenUtc, Enum.Parse<ResidentBenefitStatus>(r.ResidentStatus))).ToList();
    }

    // Eligibility_ReadGlance: one row even without results (the consent and the link come with every row).
    public async Task<ForYouGlance> GlanceAsync(long accountId, DateTimeOffset sinceUtc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<GlanceRow>(new CommandDefinition("""
            SELECT
                CASE WHEN EXISTS (SELECT 1 FROM ForYouConsent c WHERE c.AccountId = a.AccountId AND c.Purpose = 'Register' AND c.RevokedUtc IS NULL)
                     THEN 1 ELSE 0 END AS RegisterConsent,
                CASE WHEN EXISTS (SELECT 1 FROM RegisterResident p WHERE p.AccountId = a.AccountId) THEN 1 ELSE 0 END AS Linked,
                r.BenefitCode, r.FirstSeenUtc, v.ContentJson, x.Name AS TranslatedName
            FROM (SELECT @accountId AS AccountId) a
            LEFT JOIN EligibilityResult r ON r.AccountId = a.AccountId AND r.Result = 'Yes' AND r.ResidentStatus = 'None' AND r.FirstSeenUtc >= @sinceUtc
            LEFT JOIN BenefitVersion v ON v.BenefitCode = r.BenefitCode AND v.Version = r.Version
            LEFT JOIN BenefitVersionText x ON x.VersionId = v.Id
            ORDER BY r.FirstSeenUtc DESC, r.BenefitCode
            """, new { accountId, sinceUtc }, cancellationToken: ct))).ToList();
        var first = rows[0];
        var found = rows.Where(r => r.BenefitCode is not null && r.ContentJson is not null && r.FirstSeenUtc is not null)
            .Select(r => new NewBenefitGlance(r.BenefitCode!, r.Name(), r.FirstSeenUtc!.Value))
            .ToList();
        return new ForYouGlance(first.RegisterConsent == 1, first.Linked == 1, found);
    }

    private sealed class GlanceRow
    {
        public int RegisterConsent { get; set; }
        public int Linked { get; set; }
        public string? BenefitCode { get; set; }
        public DateTimeOffset? FirstSeenUtc { get; set; }
        public string? ContentJson { get; set; }
        public Portal.Core.Languages.LocalizedText? TranslatedName { get; set; }

        /// <summary>The benefit's name with the translations added to its version since it was published.</summary>
        public Portal.Core.Languages.LocalizedText Name()
        {
            var content = BenefitJson.Read<BenefitContent>(ContentJson!);
            return TranslatedName is null ? content.Name : content.WithTranslationsOf(new BenefitTexts(TranslatedName, null, null)).Name;
        }
    }

    public Task SetStatusAsync(long accountId, string benefitCode, ResidentBenefitStatus status, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EligibilityResult SET ResidentStatus = @status WHERE AccountId = @accountId AND BenefitCode = @benefitCode",
            new { accountId, benefitCode, status = status.ToString() }, transaction, cancellationToken: ct)), ct);

    public Task<long> StartRunAsync(string startedBy, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"INSERT INTO EvaluationRun (StartedUtc, StartedBy) VALUES (@now, @startedBy){db.Dialect.SelectInsertedId}",
            new { now = _time.GetUtcNow(), startedBy }, transaction, cancellationToken: ct)), ct);

    public Task FinishRunAsync(long runId, int residents, int newlyEligible, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EvaluationRun SET FinishedUtc = @now, Residents = @residents, NewlyEligible = @newlyEligible WHERE Id = @runId",
            new { now = _time.GetUtcNow(), residents, newlyEligible, runId }, transaction, cancellationToken: ct)), ct);
}
