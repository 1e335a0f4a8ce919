using Portal.Core.Benefits;

namespace Portal.Tests.Benefits;

public sealed class RegisterParserTests
{
    private static readonly HashSet<string> Wards = ["chuo", "mihama"];
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static RegisterRow Good(int line, string resident = "R-1", string household = "H-1") => new()
    {
        Line = line, ResidentNumber = resident, HouseholdNumber = household, Relation = "head", FamilyName = "千葉", GivenName = "太郎",
        BirthDate = "1970-01-31", Sex = "M", Ward = "Mihama", Insurance = "nhi", Disabilities = "heart:1; mental:2", SingleParent = "0",
    };

    [Fact]
    public void A_good_line_becomes_a_typed_entry()
    {
        var (entries, problems) = RegisterParser.Parse([Good(2)], Wards, Today);
        Assert.Empty(problems);
        var entry = Assert.Single(entries);
        Assert.Equal(("mihama", HouseholdRelation.Head, new DateOnly(1970, 1, 31), Sex.Male, InsuranceType.NationalHealth), (entry.WardId, entry.Relation, entry.BirthDate, entry.Sex, entry.Insurance));
        Assert.Equal([new Disability(DisabilityKind.PhysicalHeart, 1), new Disability(DisabilityKind.Mental, 2)], entry.Disabilities);
        Assert.Equal("heart:1;mental:2", RegisterParser.FormatDisabilities(entry.Disabilities));
        Assert.Equal(entry.Disabilities, RegisterParser.ParseDisabilities("heart:1;mental:2"));
        Assert.Equal(new HouseholdFacts(false, null, null, null, null), entry.Household);
    }

    [Fact]
    public void Bad_lines_are_reported_by_line_and_field_and_good_lines_are_kept()
    {
        var rows = new[]
        {
            Good(2, "R-1"),
            Good(3, "R-2") with { BirthDate = "1970/01/31", Sex = "X", Ward = "tokyo" },
            Good(4, "R-3") with { BirthDate = "2027-01-01", Disabilities = "heart:9", IncomeYen = "-5" },
            Good(5, "R-1"),
            Good(6, "R-4") with { SingleParent = "1" },
            Good(7, "R-5", household: "H-2") with { FamilyName = " " },
        };

        var (entries, problems) = RegisterParser.Parse(rows, Wards, Today);

        Assert.Equal(["R-1"], entries.Select(e => e.ResidentNumber));
        Assert.Equal([
            (3, "birth_date", RegisterKeys.Format), (3, "sex", RegisterKeys.UnknownValue), (3, "ward", RegisterKeys.UnknownValue),
            (4, "birth_date", RegisterKeys.FutureBirth), (4, "disabilities", RegisterKeys.Format), (4, "income_yen", RegisterKeys.Format),
            (5, "resident_number", RegisterKeys.DuplicateResident),
            (6, "household_number", RegisterKeys.HouseholdMismatch),
            (7, "family_name", RegisterKeys.Required),
        ], problems.Select(p => (p.Line, p.Field, p.ReasonKey)));
    }
}
