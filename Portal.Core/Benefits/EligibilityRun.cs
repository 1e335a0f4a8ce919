using System.Globalization;
using Portal.Core.Notifications;
using Portal.Core.Time;

namespace Portal.Core.Benefits;

public sealed record RunProgress(int Residents, int NewlyEligible);

public sealed record RunSummary(int Residents, int NewlyEligible, int NoLongerEligible, int Rules);

/// <summary>
/// The nightly For You run: every consenting resident against every benefit in force, compared with the last
/// run's results. Only a benefit that newly applies makes a notice, written with the stored result in one
/// transaction; its key names the resident, benefit and fiscal year, so a re-run or a repeated run tells no
/// one twice in a year.
/// </summary>
public sealed class EligibilityRun(IResidentRegister register, IBenefitCatalog catalog, IEligibilityResults results, TimeProvider time, IOutboxSignal? outbox = null)
{
    public const int FlushEvery = 2_000;

    public async Task<RunSummary> RunAsync(string startedBy, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var today = JapanTime.Today(time);
        var fiscalYear = FiscalYear.Of(today);
        var rules = await catalog.InForceAsync(today, ct);
        var previous = await results.LoadAsync(ct);
        var runId = await results.StartRunAsync(startedBy, ct);
        var subject = new Subject(today);
        var changes = new List<EligibilityChange>();
        var notices = new List<Notice>();
        int residents = 0, newly = 0, gone = 0;

        await foreach (var (accountId, facts) in register.ConsentingResidentsAsync(ct))
        {
            residents++;
            subject.Reset(facts);
            previous.TryGetValue(accountId, out var before);
            foreach (var rule in rules)
            {
                var now = rule.Content.Eligibility.Evaluate(subject) == Tri.Yes;
                var was = before?.Contains(rule.Code) == true;
                if (now == was) continue;
                changes.Add(new(accountId, rule.Code, rule.Version, now));
                if (now)
                {
                    newly++;
                    notices.Add(NewlyEligible(accountId, rule, fiscalYear));
                }
                else gone++;
            }
            if (changes.Count >= FlushEvery)
            {
                await FlushAsync(changes, notices, ct);
                progress?.Report(new(residents, newly));
            }
        }
        await FlushAsync(changes, notices, ct);
        await results.FinishRunAsync(runId, residents, newly, ct);
        progress?.Report(new(residents, newly));
        return new(residents, newly, gone, rules.Count);
    }

    private async Task FlushAsync(List<EligibilityChange> changes, List<Notice> notices, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        await results.ApplyAsync(changes, notices, ct);
        if (notices.Count > 0) outbox?.Notify();
        changes.Clear();
        notices.Clear();
    }

    public static Notice NewlyEligible(long accountId, BenefitVersionRecord rule, int fiscalYear)
    {
        var values = new Dictionary<string, string>();
        NoticeValues.AddText(values, NoticeValues.BenefitName, rule.Content.Name);
        return new(NoticeKind.BenefitNewlyEligible, new NoticeRecipient.Account(accountId),
            $"benefit:{accountId}:{rule.Code}:fy{fiscalYear.ToString(CultureInfo.InvariantCulture)}", values, $"/for-you#{rule.Code}");
    }
}
