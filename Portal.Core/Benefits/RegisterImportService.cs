using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Offices;
using Portal.Core.Time;
using Portal.Core.Rules;

namespace Portal.Core.Benefits;

/// <summary>What an import did: residents written, and every problem by line (a refused file has one, on the file).</summary>
public sealed record RegisterImportResult(int Written, IReadOnlyList<RegisterProblem> Problems)
{
    /// <summary>Why the whole file was refused (nothing was written), or null when its lines were read.</summary>
    public RegisterProblem? Refusal => Problems.FirstOrDefault(p => RegisterKeys.RefusesFile(p.ReasonKey));

    /// <summary>How many lines had a problem (those lines were not imported).</summary>
    public int ProblemLines => Problems.Select(p => p.Line).Distinct().Count();
}

/// <summary>
/// Imports a register extract file: reads it (<see cref="RegisterCsv"/>), checks each line (<see cref="RegisterParser"/>),
/// writes the good lines in batches with whole households together, and audits the import. The register is the whole
/// city's: only an account with the city-wide permission imports it (<see cref="StaffScope"/>).
/// </summary>
public sealed class RegisterImportService(IResidentRegister register, IOfficeRepository offices, AuditTrail audit, TimeProvider time, StaffScopes scopes)
{
    public const int BatchHouseholds = 250;

    /// <param name="progress">Told the share written (0–100) after each batch, for a progress bar.</param>
    /// <exception cref="RuleException">The actor does not hold the city-wide permission.</exception>
    public async Task<RegisterImportResult> ImportAsync(Actor actor, string fileName, ReadOnlyMemory<byte> file, Func<double, Task>? progress, CancellationToken ct)
    {
        if (!(await scopes.OfAsync(actor, ct)).CityWide) throw new RuleException(ScopeErrors.CityWideNeeded);
        var (rows, readProblems) = RegisterCsv.Read(file.Span);
        var wards = (await offices.ListAsync(ct)).Select(o => o.Id).ToHashSet();
        var (entries, problems) = RegisterParser.Parse(rows, wards, JapanTime.Today(time));
        var result = new RegisterImportResult(0, [.. readProblems, .. problems]);
        var written = 0;
        foreach (var batch in entries.GroupBy(x => x.HouseholdNumber).Chunk(BatchHouseholds))
        {
            written += await register.ImportAsync(batch.SelectMany(h => h).ToList(), ct);
            if (progress is not null) await progress(100.0 * written / Math.Max(1, entries.Count));
        }
        result = result with { Written = written };
        var detail = result.Refusal is { } refused
            ? $"{fileName}: refused ({refused.ReasonKey})"
            : $"{fileName}: {written} written, {result.Problems.Count} problems";
        await audit.RecordAsync(actor, BenefitAudit.RegisterImported, BenefitAudit.RegisterEntity, null, detail, ct);
        return result;
    }
}
