using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Portal.Web.Hosting;
using Portal.Core.Notifications;
using Portal.Core.Benefits;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Bench.Benefits;

/// <summary>
/// The whole nightly For You run from SQLite: stream every consenting resident with their household's children,
/// evaluate 30 rules, compare with the stored results, write the changes and their notices. A database of the given
/// number of households (each head linked to an account with both consents) is made once and kept in the temp
/// folder. The first night writes every result and notice; the nights after change little, and are what the city
/// runs every night: the figure the target is about.
/// </summary>
public static class NightlyRunBench
{
    private const int DataVersion = 1;
    private static readonly DateTimeOffset FirstNight = new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero); // 02:00 on 25 November in Japan

    /// <summary>
    /// Runs three nights. With <paramref name="steadyOnly"/>, the results of a first night are written straight into
    /// the database when it is made (as if its notices had gone out), so only the nights the city runs every day are
    /// timed; a first night at a million residents writes millions of notices and is measured at a smaller size.
    /// </summary>
    /// <summary>One timed night: its wall time and the process's peak working set after it.</summary>
    public sealed record Night(int Number, bool First, double Seconds, long PeakWorkingSetBytes, int Residents);

    public static async Task<IReadOnlyList<Night>> RunAsync(int households, bool steadyOnly = false)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"foryou-v{DataVersion}-{households}{(steadyOnly ? "-steady" : "")}.db");
        var fresh = !File.Exists(file);
        if (fresh) Build(file, households);
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString());
        db.Migrate();
        if (fresh && steadyOnly) await SeedFirstNightAsync(db, file);
        var self = Process.GetCurrentProcess();
        var nights = new List<Night>();

        for (var night = steadyOnly ? 1 : 0; night < 3; night++)
        {
            var time = new FakeTimeProvider(FirstNight.AddDays(night));
            var run = new EligibilityRun(new ResidentRegisterRepository(db, time), new BenefitCatalogRepository(db, time),
                new EligibilityResultRepository(db, new NoticeOutbox(db, ActiveChannels.InAppOnly, time), time), time);
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var summary = await run.RunAsync("bench", null, CancellationToken.None);
            clock.Stop();
            self.Refresh();
            Console.WriteLine($"night {night + 1} ({time.GetUtcNow():yyyy-MM-dd}): {summary.Residents:N0} residents x {summary.Rules} rules in {clock.Elapsed.TotalSeconds:F1} s; " +
                $"{summary.NewlyEligible:N0} newly eligible, {summary.NoLongerEligible:N0} no longer; peak working set {self.PeakWorkingSet64 / 1e6:F0} MB");
            nights.Add(new Night(night + 1, night == 0, clock.Elapsed.TotalSeconds, self.PeakWorkingSet64, summary.Residents));
        }
        Console.WriteLine("(Nights after the first repeat on a kept file; delete it to measure a first night again: " + file + ")");
        return nights;
    }

    /// <summary>The first night's results, evaluated in memory and inserted in one transaction, without notices.</summary>
    private static async Task SeedFirstNightAsync(PortalDatabase db, string file)
    {
        var clock = Stopwatch.StartNew();
        var day = new DateOnly(2026, 11, 25);
        var rules = await new BenefitCatalogRepository(db).InForceAsync(day, CancellationToken.None);
        var register = new ResidentRegisterRepository(db);
        var subject = new Subject(day);
        var yes = new List<(long, string, int)>();
        await foreach (var (accountId, facts) in register.ConsentingResidentsAsync(CancellationToken.None))
        {
            subject.Reset(facts);
            foreach (var rule in rules)
                if (rule.Content.Eligibility.Evaluate(subject) == Tri.Yes) yes.Add((accountId, rule.Code, rule.Version));
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO EligibilityResult (AccountId, BenefitCode, Result, Version, FirstSeenUtc, EvaluatedUtc) VALUES ($a, $c, 'Yes', $v, '2026-11-24T17:00:00.0000000Z', '2026-11-24T17:00:00.0000000Z')";
        insert.Parameters.Add(new SqliteParameter("$a", null));
        insert.Parameters.Add(new SqliteParameter("$c", null));
        insert.Parameters.Add(new SqliteParameter("$v", null));
        insert.Prepare();
        foreach (var (accountId, code, version) in yes)
            Set(insert, accountId, code, version).ExecuteNonQuery();
        transaction.Commit();
        Console.WriteLine($"first night's {yes.Count:N0} results written directly in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public static string Folder => Path.Combine(Path.GetTempPath(), "chiba-portal-bench");

    private static void Build(string file, int households)
    {
        var clock = Stopwatch.StartNew();
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), cs).Migrate();
        var catalog = new BenefitCatalogRepository(new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), cs));
        catalog.SeedAsync(StandardBenefits.All, StandardBenefits.EffectiveFrom, CancellationToken.None).GetAwaiter().GetResult();
        var variants = EligibilityBenchmarks.ThirtyRules().Skip(StandardBenefits.All.Count)
            .Select(r => StandardBenefits.All[0] with { Code = r.BenefitCode, Content = StandardBenefits.All[0].Content with { Eligibility = r.Eligibility } });
        catalog.SeedAsync(variants, StandardBenefits.EffectiveFrom, CancellationToken.None).GetAwaiter().GetResult();

        using var connection = new SqliteConnection(cs);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        SqliteCommand Prepare(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, null));
            command.Prepare();
            return command;
        }
        const string now = "2026-11-01T00:00:00.0000000Z";
        using var account = Prepare($"INSERT INTO UserAccount (Id, Email, DisplayName, PasswordHash, Role, SecurityStamp, CreatedUtc) VALUES ($id, $email, 'bench', 'x', 'Resident', 's', '{now}')", "$id", "$email");
        using var household = Prepare($"INSERT INTO RegisterHousehold (Id, HouseholdNumber, WardId, SingleParent, ResidentTaxExempt, WelfareRecipient, IncomeYen, Dependants, UpdatedUtc) VALUES ($id, $number, $ward, $single, $exempt, $welfare, $income, $dependants, '{now}')",
            "$id", "$number", "$ward", "$single", "$exempt", "$welfare", "$income", "$dependants");
        using var resident = Prepare($"INSERT INTO RegisterResident (ResidentNumber, HouseholdId, Relation, FamilyName, GivenName, BirthDate, Sex, Insurance, Disabilities, AccountId, UpdatedUtc) VALUES ($number, $household, $relation, 'x', 'x', $birth, $sex, $insurance, $disabilities, $account, '{now}')",
            "$number", "$household", "$relation", "$birth", "$sex", "$insurance", "$disabilities", "$account");
        using var consent = Prepare($"INSERT INTO ForYouConsent (AccountId, Purpose, TextVersion, GivenUtc) VALUES ($account, $purpose, '2026-11', '{now}')", "$account", "$purpose");

        long id = 0;
        string? currentHousehold = null;
        foreach (var entry in SyntheticRegister.Generate(households, new DateOnly(2026, 11, 25), seed: 7, prefix: "N"))
        {
            if (entry.HouseholdNumber != currentHousehold)
            {
                currentHousehold = entry.HouseholdNumber;
                id++;
                Set(account, id, $"bench{id}@example.jp").ExecuteNonQuery();
                var h = entry.Household;
                Set(household, id, entry.HouseholdNumber, entry.WardId, Bit(h.SingleParent), Bit(h.ResidentTaxExempt), Bit(h.WelfareRecipient), h.IncomeYen, h.Dependants).ExecuteNonQuery();
                Set(consent, id, "Register").ExecuteNonQuery();
                if (id % 2 == 0) Set(consent, id, "Income").ExecuteNonQuery();
            }
            Set(resident, entry.ResidentNumber, id, entry.Relation.ToString(), entry.BirthDate.ToString("yyyy-MM-dd"), entry.Sex.ToString(),
                entry.Insurance?.ToString(), RegisterParser.FormatDisabilities(entry.Disabilities), entry.Relation == HouseholdRelation.Head ? id : null).ExecuteNonQuery();
        }
        transaction.Commit();
        Console.WriteLine($"made {file} with {households:N0} households in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static object? Bit(bool? value) => value is null ? null : value.Value ? 1 : 0;

    private static SqliteCommand Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }
}
