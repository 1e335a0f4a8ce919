namespace Portal.Core.Benefits;

/// <summary>
/// The anonymous self-check: asks one question at a time, only about facts that can still change a result,
/// and stores nothing. The most useful question first: the fact that the most undecided benefits wait on.
/// </summary>
public static class SelfCheck
{
    /// <summary>The next fact to ask about, or null when every benefit is decided or nothing more can decide it.</summary>
    public static Fact? NextQuestion(IEnumerable<Condition> rules, ResidentFacts answers, DateOnly on, IReadOnlySet<Fact>? declined = null)
    {
        var subject = new Subject(on, answers);
        var waiting = new Dictionary<Fact, int>();
        foreach (var rule in rules)
        {
            if (rule.Evaluate(subject) != Tri.Unknown) continue;
            foreach (var fact in UnknownLeafFacts(rule, subject).Distinct())
                if (!answers.Knows(fact) && declined?.Contains(fact) != true)
                    waiting[fact] = waiting.GetValueOrDefault(fact) + 1;
        }
        return waiting.Count == 0
            ? null
            : waiting.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
    }

    /// <summary>Facts read by the leaves that are still Unknown: answering them is what can decide the rule.</summary>
    private static IEnumerable<Fact> UnknownLeafFacts(Condition condition, Subject subject)
    {
        if (condition.Evaluate(subject) != Tri.Unknown) return [];
        return condition.Children.Count == 0
            ? condition.OwnFacts()
            : condition.Children.SelectMany(c => UnknownLeafFacts(c, subject));
    }
}
