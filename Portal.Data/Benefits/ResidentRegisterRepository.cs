using System.Runtime.CompilerServices;
using Dapper;
using Portal.Core.Benefits;
using Portal.Data.Database;
using static Portal.Data.Benefits.BenefitCatalogRepository;

namespace Portal.Data.Benefits;

public sealed class ResidentRegisterRepository(PortalDatabase db, TimeProvider? time = null) : IResidentRegister
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<int> ImportAsync(IReadOnlyList<RegisterEntry> entries, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            var households = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!households.TryGetValue(entry.HouseholdNumber, out var householdId))
                {
                    var h = entry.Household;
                    var values = new
                    {
                        entry.HouseholdNumber, entry.WardId, h.SingleParent, h.ResidentTaxExempt, h.WelfareRecipient, h.IncomeYen, h.Dependants, now,
                    };
                    var updated = await connection.ExecuteAsync(new CommandDefinition("""
                        UPDATE RegisterHousehold SET WardId = @WardId, SingleParent = @SingleParent, ResidentTaxExempt = @ResidentTaxExempt,
                            WelfareRecipient = @WelfareRecipient, IncomeYen = @IncomeYen, Dependants = @Dependants, UpdatedUtc = @now
                        WHERE HouseholdNumber = @HouseholdNumber
                        """, values, transaction, cancellationToken: ct));
                    if (updated == 0)
                        await connection.ExecuteAsync(new CommandDefinition("""
                            INSERT INTO RegisterHousehold (HouseholdNumber, WardId, SingleParent, ResidentTaxExempt, WelfareRecipient, IncomeYen, Dependants, UpdatedUtc)
                            VALUES (@HouseholdNumber, @WardId, @SingleParent, @ResidentTaxExempt, @WelfareRecipient, @IncomeYen, @Dependants, @now)
                            """, values, transaction, cancellationToken: ct));
                    householdId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT Id FROM RegisterHousehold WHERE HouseholdNumber = @HouseholdNumber", new { entry.HouseholdNumber }, transaction, cancellationToken: ct));
                    households[entry.HouseholdNumber] = householdId;
                }
                var resident = new
                {
                    entry.ResidentNumber, householdId, Relation = entry.Relation.ToString(), entry.FamilyName, entry.GivenName,
                    BirthDate = Day(entry.BirthDate), Sex = entry.Sex.ToString(), Insurance = entry.Insurance?.ToString(),
                    Disabilities = RegisterParser.FormatDisabilities(entry.Disabilities), now,
                };
                var changed = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE RegisterResident SET HouseholdId = @householdId, Relation = @Relation, FamilyName = @FamilyName, GivenName = @GivenName,
                        BirthDate = @BirthDate, Sex = @Sex, Insurance = @Insurance, Disabilities = @Disabilities, UpdatedUtc = @now
                    WHERE ResidentNumber = @ResidentNumber
                    """, resident, transaction, cancellationToken: ct));
                if (changed == 0)
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO RegisterResident (ResidentNumber, HouseholdId, Relation, FamilyName, GivenName, BirthDate, Sex, Insurance, Disabilities, UpdatedUtc)
                        VALUES (@ResidentNumber, @householdId, @Relation, @FamilyName, @GivenName, @BirthDate, @Sex, @Insurance, @Disabilities, @now)
                        """, resident, transaction, cancellationToken: ct));
            }
            return entries.Count;
        }, ct);

    private const string FactColumns = """
        r.AccountId, r.HouseholdId, r.Relation, r.BirthDate, r.Sex, r.Insurance, r.Disabilities,
        h.SingleParent, h.ResidentTaxExempt, h.WelfareRecipient, h.IncomeYen, h.Dependants
        """;

    public async Task<ResidentFacts?> FactsForAccountAsync(long accountId, bool withIncome, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FactRow>(new CommandDefinition($"""
            SELECT {FactColumns} FROM RegisterResident r JOIN RegisterHousehold h ON h.Id = r.HouseholdId WHERE r.AccountId = @accountId
            """, new { accountId }, cancellationToken: ct));
        if (row is null) return null;
        var children = await connection.QueryAsync<ChildRow>(new CommandDefinition(
            "SELECT HouseholdId, BirthDate, Disabilities FROM RegisterResident WHERE HouseholdId = @HouseholdId AND Relation = 'Child'",
            new { row.HouseholdId }, cancellationToken: ct));
        return row.ToFacts(row.IsChildOfHousehold ? [] : children.Select(c => c.ToChild()).ToList(), withIncome);
    }

    public async IAsyncEnumerable<(long AccountId, ResidentFacts Facts)> ConsentingResidentsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // Two streams in household order, merged: the consenting residents, and every child of those households.
        await using var residents = await db.OpenAsync(ct);
        await using var kids = await db.OpenAsync(ct);
        const string consenting = """
            JOIN ForYouConsent c ON c.AccountId = r.AccountId AND c.Purpose = 'Register' AND c.RevokedUtc IS NULL
            """;
        // Unbuffered: a whole city's register streams through without being held in memory.
        var people = residents.QueryUnbufferedAsync<FactRow>($"""
            SELECT {FactColumns},
                   CASE WHEN EXISTS (SELECT 1 FROM ForYouConsent i WHERE i.AccountId = r.AccountId AND i.Purpose = 'Income' AND i.RevokedUtc IS NULL)
                        THEN 1 ELSE 0 END AS IncomeConsent
            FROM RegisterResident r JOIN RegisterHousehold h ON h.Id = r.HouseholdId
            {consenting}
            ORDER BY r.HouseholdId, r.Id
            """).WithCancellation(ct);
        var children = kids.QueryUnbufferedAsync<ChildRow>($"""
            SELECT k.HouseholdId, k.BirthDate, k.Disabilities FROM RegisterResident k
            WHERE k.Relation = 'Child' AND k.HouseholdId IN (SELECT r.HouseholdId FROM RegisterResident r {consenting})
            ORDER BY k.HouseholdId, k.Id
            """);

        await using var child = children.GetAsyncEnumerator(ct);
        var hasChild = await child.MoveNextAsync();
        long household = -1;
        var householdChildren = new List<ChildFact>();
        await foreach (var person in people)
        {
            if (person.HouseholdId != household)
            {
                household = person.HouseholdId;
                householdChildren = [];
                while (hasChild && child.Current.HouseholdId < household) hasChild = await child.MoveNextAsync();
                while (hasChild && child.Current.HouseholdId == household)
                {
                    householdChildren.Add(child.Current.ToChild());
                    hasChild = await child.MoveNextAsync();
                }
            }
            yield return (person.AccountId!.Value, person.ToFacts(person.IsChildOfHousehold ? [] : householdChildren, person.IncomeConsent == 1));
        }
    }

    public async Task<IReadOnlyList<(string WardId, ResidentFacts Facts)>> PopulationAsync(int max, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var children = new Dictionary<long, List<ChildFact>>();
        var kids = connection.QueryUnbufferedAsync<ChildRow>("SELECT HouseholdId, BirthDate, Disabilities FROM RegisterResident WHERE Relation = 'Child'");
        await foreach (var kid in kids.WithCancellation(ct))
        {
            if (!children.TryGetValue(kid.HouseholdId, out var list)) children[kid.HouseholdId] = list = [];
            list.Add(kid.ToChild());
        }
        var rows = await connection.QueryAsync<FactRow>(new CommandDefinition($"""
            SELECT {FactColumns}, h.WardId,
                   CASE WHEN EXISTS (SELECT 1 FROM ForYouConsent i WHERE i.AccountId = r.AccountId AND i.Purpose = 'Income' AND i.RevokedUtc IS NULL)
                        THEN 1 ELSE 0 END AS IncomeConsent
            FROM RegisterResident r JOIN RegisterHousehold h ON h.Id = r.HouseholdId
            ORDER BY r.Id{db.Dialect.Page}
            """, new { Skip = 0, Take = max }, cancellationToken: ct));
        return rows.Select(r => (r.WardId, r.ToFacts(r.IsChildOfHousehold ? [] : children.GetValueOrDefault(r.HouseholdId) ?? [], r.IncomeConsent == 1))).ToList();
    }

    public async Task<long?> ResidentIdByNumberAsync(string residentNumber, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT Id FROM RegisterResident WHERE ResidentNumber = @residentNumber", new { residentNumber }, cancellationToken: ct));
    }

    public Task IssueCodeAsync(long residentId, string codeHash, DateTimeOffset expiresUtc, long issuedById, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO RegistrationCode (ResidentId, CodeHash, IssuedUtc, ExpiresUtc, IssuedById) VALUES (@residentId, @codeHash, @now, @expiresUtc, @issuedById)
            """, new { residentId, codeHash, now = _time.GetUtcNow(), expiresUtc, issuedById }, transaction, cancellationToken: ct)), ct);

    public Task<LinkOutcome> RedeemCodeAsync(string codeHash, long accountId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            var code = await connection.QuerySingleOrDefaultAsync<CodeRow>(new CommandDefinition(
                $"SELECT Id, ResidentId, ExpiresUtc, UsedUtc FROM RegistrationCode{db.Dialect.LockForUpdate} WHERE CodeHash = @codeHash",
                new { codeHash }, transaction, cancellationToken: ct));
            if (code is null) return LinkOutcome.UnknownCode;
            if (code.UsedUtc is not null) return LinkOutcome.AlreadyUsed;
            if (code.ExpiresUtc <= now) return LinkOutcome.Expired;
            var linked = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM RegisterResident WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
            if (linked > 0) return LinkOutcome.AccountAlreadyLinked;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE RegisterResident SET AccountId = @accountId WHERE Id = @ResidentId", new { accountId, code.ResidentId }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE RegistrationCode SET UsedUtc = @now WHERE Id = @Id", new { now, code.Id }, transaction, cancellationToken: ct));
            return LinkOutcome.Linked;
        }, ct);

    public async Task<bool> IsLinkedAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM RegisterResident WHERE AccountId = @accountId", new { accountId }, cancellationToken: ct)) > 0;
    }

    private sealed class CodeRow
    {
        public long Id { get; set; }
        public long ResidentId { get; set; }
        public DateTimeOffset ExpiresUtc { get; set; }
        public DateTimeOffset? UsedUtc { get; set; }
    }

    private sealed class ChildRow
    {
        public long HouseholdId { get; set; }
        public object BirthDate { get; set; } = "";
        public string Disabilities { get; set; } = "";
        public ChildFact ToChild() => new(ReadDay(BirthDate), Disabilities.Length > 0);
    }

    private sealed class FactRow
    {
        public long? AccountId { get; set; }
        public long HouseholdId { get; set; }
        public string WardId { get; set; } = "";
        public string Relation { get; set; } = "";
        public object BirthDate { get; set; } = "";
        public string Sex { get; set; } = "";
        public string? Insurance { get; set; }
        public string Disabilities { get; set; } = "";
        public bool? SingleParent { get; set; }
        public bool? ResidentTaxExempt { get; set; }
        public bool? WelfareRecipient { get; set; }
        public long? IncomeYen { get; set; }
        public int? Dependants { get; set; }
        public int IncomeConsent { get; set; }

        /// <summary>A child's own record does not count its siblings as its children.</summary>
        public bool IsChildOfHousehold => Relation == "Child";

        public ResidentFacts ToFacts(IReadOnlyList<ChildFact> children, bool withIncome) => new()
        {
            BirthDate = ReadDay(BirthDate),
            Sex = Enum.Parse<Sex>(Sex),
            Insurance = Insurance is null ? null : Enum.Parse<InsuranceType>(Insurance),
            Disabilities = RegisterParser.ParseDisabilities(Disabilities),
            WelfareRecipient = WelfareRecipient,
            ResidentTaxExempt = ResidentTaxExempt,
            SingleParent = SingleParent,
            Children = children,
            IncomeYen = withIncome ? IncomeYen : null,
            Dependants = withIncome ? Dependants : null,
        };
    }
}
