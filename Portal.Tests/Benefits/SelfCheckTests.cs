using Portal.Core.Benefits;

namespace Portal.Tests.Benefits;

public sealed class SelfCheckTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly Condition[] Rules = StandardBenefits.All.Select(b => b.Content.Eligibility).ToArray();

    [Fact]
    public void The_first_question_is_the_one_most_benefits_wait_on()
    {
        Assert.Equal(Fact.BirthDate, SelfCheck.NextQuestion(Rules, ResidentFacts.Unknown, Day));
    }

    [Fact]
    public void Only_questions_that_can_still_change_a_result_are_asked()
    {
        // A 30-year-old man: age-only rules are decided, and no rule for women or for people over 40 needs more.
        var answers = new ResidentFacts { BirthDate = new(1996, 6, 1), Sex = Sex.Male };
        var asked = new List<Fact>();
        while (SelfCheck.NextQuestion(Rules, answers, Day) is { } next)
        {
            asked.Add(next);
            answers = next switch
            {
                Fact.Children => answers with { Children = [] },
                Fact.Disabilities => answers with { Disabilities = [] },
                Fact.Insurance => answers with { Insurance = InsuranceType.Employee },
                Fact.SingleParent => answers with { SingleParent = false },
                _ => throw new InvalidOperationException($"Did not expect a question about {next}."),
            };
        }
        Assert.Equal([Fact.Children], asked);
        Assert.All(Rules, r => Assert.NotEqual(Tri.Unknown, r.Evaluate(new Subject(Day, answers))));
    }

    [Fact]
    public void A_declined_question_is_not_asked_again()
    {
        var answers = new ResidentFacts { BirthDate = new(1986, 6, 1), Sex = Sex.Female };
        var first = SelfCheck.NextQuestion(Rules, answers, Day);
        Assert.NotNull(first);
        Assert.NotEqual(first, SelfCheck.NextQuestion(Rules, answers, Day, new HashSet<Fact> { first.Value }));
    }
}
