using System.Globalization;
using Dapper;
using Portal.Core.Benefits;
using Portal.Core.Languages;
using Portal.Core.Rules;
using Portal.Data.Database;

namespace Portal.Data.Benefits;

public sealed class BenefitCatalogRepository(PortalDatabase db, TimeProvider? time = null) : IBenefitCatalog
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A version with the translations added to it after publishing (BenefitVersionText), when there are any.
    private const string Select = """
        SELECT v.Id, v.BenefitCode, v.Version, v.State, v.EffectiveFrom, v.ContentJson, v.TestCasesJson, v.SavedUtc, v.PublishedUtc,
               x.Name AS TranslatedName, x.Description AS TranslatedDescription, x.HowToApply AS TranslatedHowToApply
        FROM BenefitVersion v LEFT JOIN BenefitVersionText x ON x.VersionId = v.Id
        """;

    public async Task<IReadOnlyList<BenefitVersionRecord>> LatestAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            {Select}
            WHERE v.Version = (SELECT MAX(Version) FROM BenefitVersion w WHERE w.BenefitCode = v.BenefitCode)
            ORDER BY v.BenefitCode
            """, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<BenefitVersionRecord>> VersionsAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE v.BenefitCode = @code ORDER BY v.Version DESC", new { code }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<BenefitVersionRecord>> InForceAsync(DateOnly on, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            {Select}
            WHERE v.State = 'Published' AND v.EffectiveFrom <= @on
              AND v.Version = (SELECT MAX(Version) FROM BenefitVersion w
                               WHERE w.BenefitCode = v.BenefitCode AND w.State = 'Published' AND w.EffectiveFrom <= @on)
            ORDER BY v.BenefitCode
            """, new { on = Day(on) }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task<BenefitVersionRecord> SaveDraftAsync(string code, DateOnly effectiveFrom, BenefitContent content, IReadOnlyList<BenefitTestCase> testCases, long? savedById, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            var latest = await connection.QuerySingleOrDefaultAsync<(long Id, int Version, string State)?>(new CommandDefinition($"""
                SELECT Id, Version, State FROM BenefitVersion{db.Dialect.LockForUpdate}
                WHERE BenefitCode = @code ORDER BY Version DESC{db.Dialect.Page}
                """, new { code, Skip = 0, Take = 1 }, transaction, cancellationToken: ct));
            if (latest is null)
                await connection.ExecuteAsync(new CommandDefinition("INSERT INTO Benefit (Code, CreatedUtc) VALUES (@code, @now)", new { code, now }, transaction, cancellationToken: ct));
            var values = new
            {
                code, effectiveFrom = Day(effectiveFrom), content = BenefitJson.Write(content), cases = BenefitJson.Write(testCases), now, savedById,
            };
            long id;
            if (latest is { State: "Draft" } draft)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE BenefitVersion SET EffectiveFrom = @effectiveFrom, ContentJson = @content, TestCasesJson = @cases, SavedUtc = @now, SavedById = @savedById
                    WHERE Id = @id
                    """, new { values.effectiveFrom, values.content, values.cases, now, savedById, id = draft.Id }, transaction, cancellationToken: ct));
                id = draft.Id;
            }
            else
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                    INSERT INTO BenefitVersion (BenefitCode, Version, State, EffectiveFrom, ContentJson, TestCasesJson, SavedUtc, SavedById)
                    VALUES (@code, @version, 'Draft', @effectiveFrom, @content, @cases, @now, @savedById){db.Dialect.SelectInsertedId}
                    """, new { code, version = (latest?.Version ?? 0) + 1, values.effectiveFrom, values.content, values.cases, now, savedById }, transaction, cancellationToken: ct));
            }
            var row = await connection.QuerySingleAsync<Row>(new CommandDefinition($"{Select} WHERE v.Id = @id", new { id }, transaction, cancellationToken: ct));
            return row.ToRecord();
        }, ct);

    /// <summary>
    /// Publishes a draft, refusing with <see cref="RuleException"/> in the same write a draft whose test cases do
    /// not all pass (<see cref="BenefitPublishValidator"/>), whoever calls.
    /// </summary>
    public Task PublishAsync(long versionId, long publishedById, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var draft = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
                SELECT v.Id, v.BenefitCode, v.Version, v.State, v.EffectiveFrom, v.ContentJson, v.TestCasesJson, v.SavedUtc, v.PublishedUtc
                FROM BenefitVersion v{db.Dialect.LockForUpdate} WHERE v.Id = @versionId AND v.State = 'Draft'
                """, new { versionId }, transaction, cancellationToken: ct))
                ?? throw new InvalidOperationException($"Benefit version {versionId} is not a draft.");
            var record = draft.ToRecord();
            if (BenefitPublishValidator.Refusal(new BenefitDraft(record.Code, record.Content, record.TestCases)) is { } refusal)
                throw new RuleException(refusal);
            return await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE BenefitVersion SET State = 'Published', PublishedUtc = @now, PublishedById = @publishedById
                WHERE Id = @versionId AND State = 'Draft'
                """, new { versionId, publishedById, now = _time.GetUtcNow() }, transaction, cancellationToken: ct));
        }, ct);

    public Task SeedAsync(IEnumerable<BenefitDraft> drafts, DateOnly effectiveFrom, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            var added = 0;
            foreach (var draft in drafts)
            {
                if (BenefitPublishValidator.Refusal(draft) is { } refusal) throw new RuleException(refusal);
                var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM Benefit WHERE Code = @Code", new { draft.Code }, transaction, cancellationToken: ct));
                if (exists > 0) continue;
                await connection.ExecuteAsync(new CommandDefinition("INSERT INTO Benefit (Code, CreatedUtc) VALUES (@Code, @now)", new { draft.Code, now }, transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO BenefitVersion (BenefitCode, Version, State, EffectiveFrom, ContentJson, TestCasesJson, SavedUtc, PublishedUtc)
                    VALUES (@Code, 1, 'Published', @effectiveFrom, @content, @cases, @now, @now)
                    """, new { draft.Code, effectiveFrom = Day(effectiveFrom), content = BenefitJson.Write(draft.Content), cases = BenefitJson.Write(draft.TestCases), now },
                    transaction, cancellationToken: ct));
                added++;
            }
            return added;
        }, ct);

    public Task SaveTranslationsAsync(long versionId, BenefitTexts texts, long? savedById, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var state = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                $"SELECT State FROM BenefitVersion{db.Dialect.LockForUpdate} WHERE Id = @versionId", new { versionId }, transaction, cancellationToken: ct));
            if (state != "Published") throw new RuleException(BenefitErrors.NotPublished);
            var values = new { versionId, name = texts.Name, description = texts.Description, howToApply = texts.HowToApply, now = _time.GetUtcNow(), savedById };
            var updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE BenefitVersionText SET Name = @name, Description = @description, HowToApply = @howToApply, SavedUtc = @now, SavedById = @savedById
                WHERE VersionId = @versionId
                """, values, transaction, cancellationToken: ct));
            if (updated == 0)
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO BenefitVersionText (VersionId, Name, Description, HowToApply, SavedUtc, SavedById)
                    VALUES (@versionId, @name, @description, @howToApply, @now, @savedById)
                    """, values, transaction, cancellationToken: ct));
            return updated;
        }, ct);

    /// <summary>Days are stored as ISO dates ("2026-04-01"): text on SQLite, date on SQL Server, and they compare in order on both.</summary>
    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public long Id { get; set; }
        public string BenefitCode { get; set; } = "";
        public int Version { get; set; }
        public string State { get; set; } = "";
        public object EffectiveFrom { get; set; } = "";
        public string ContentJson { get; set; } = "";
        public string TestCasesJson { get; set; } = "";
        public DateTimeOffset SavedUtc { get; set; }
        public DateTimeOffset? PublishedUtc { get; set; }
        public LocalizedText? TranslatedName { get; set; }
        public LocalizedText? TranslatedDescription { get; set; }
        public LocalizedText? TranslatedHowToApply { get; set; }

        public BenefitVersionRecord ToRecord()
        {
            var content = BenefitJson.Read<BenefitContent>(ContentJson);
            if (TranslatedName is not null) content = content.WithTranslationsOf(new BenefitTexts(TranslatedName, TranslatedDescription, TranslatedHowToApply));
            return new(Id, BenefitCode, Version, State == "Published", ReadDay(EffectiveFrom), content,
                BenefitJson.Read<List<BenefitTestCase>>(TestCasesJson), SavedUtc, PublishedUtc);
        }
    }

    internal static DateOnly ReadDay(object value) => value switch
    {
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        string s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a day."),
    };
}
