using System.Globalization;

namespace Portal.Core.Benefits;

public enum HouseholdRelation
{
    Head,
    Spouse,
    Child,
    Other,
}

/// <summary>
/// One line of the register extract that staff import (docs/for-you.md documents the CSV columns). Household
/// facts repeat on every member's line; lines of one household must agree on them.
/// </summary>
public sealed record RegisterRow
{
    public int Line { get; init; }
    public string ResidentNumber { get; init; } = "";
    public string HouseholdNumber { get; init; } = "";
    public string Relation { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string BirthDate { get; init; } = "";
    public string Sex { get; init; } = "";
    public string Ward { get; init; } = "";
    public string Insurance { get; init; } = "";
    public string Disabilities { get; init; } = "";
    public string SingleParent { get; init; } = "";
    public string ResidentTaxExempt { get; init; } = "";
    public string WelfareRecipient { get; init; } = "";
    public string IncomeYen { get; init; } = "";
    public string Dependants { get; init; } = "";
}

/// <summary>A register line that passed the checks, in typed form.</summary>
public sealed record RegisterEntry(
    string ResidentNumber,
    string HouseholdNumber,
    HouseholdRelation Relation,
    string FamilyName,
    string GivenName,
    DateOnly BirthDate,
    Sex Sex,
    string WardId,
    InsuranceType? Insurance,
    IReadOnlyList<Disability> Disabilities,
    HouseholdFacts Household);

public sealed record HouseholdFacts(bool? SingleParent, bool? ResidentTaxExempt, bool? WelfareRecipient, long? IncomeYen, int? Dependants);

/// <summary>A line the import refused: where and why (the reason is a resource key).</summary>
public sealed record RegisterProblem(int Line, string Field, string ReasonKey, string? Value);

public static class RegisterKeys
{
    public const string Required = "Register_Problem_Required";
    public const string Format = "Register_Problem_Format";
    public const string UnknownValue = "Register_Problem_UnknownValue";
    public const string FutureBirth = "Register_Problem_FutureBirth";
    public const string HouseholdMismatch = "Register_Problem_HouseholdMismatch";
    public const string DuplicateResident = "Register_Problem_DuplicateResident";
    public const string Quote = "Register_Problem_Quote";
    public const string Encoding = "Register_Problem_Encoding";
    public const string Garbled = "Register_Problem_Garbled";

    /// <summary>Problems that refuse the whole file rather than one line.</summary>
    public static bool RefusesFile(string key) => key is Encoding or Garbled;
}

/// <summary>Reads register lines into entries, reporting every problem by line and field.</summary>
public static class RegisterParser
{
    public const int MaxNumberLength = 32;
    public const int MaxNameLength = 100;

    private static readonly Dictionary<string, DisabilityKind> DisabilityCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["heart"] = DisabilityKind.PhysicalHeart,
        ["kidney"] = DisabilityKind.PhysicalKidney,
        ["respiratory"] = DisabilityKind.PhysicalRespiratory,
        ["immune"] = DisabilityKind.PhysicalImmune,
        ["physical"] = DisabilityKind.PhysicalOther,
        ["intellectual"] = DisabilityKind.Intellectual,
        ["mental"] = DisabilityKind.Mental,
    };

    private static readonly Dictionary<string, InsuranceType> InsuranceCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nhi"] = InsuranceType.NationalHealth,
        ["elderly"] = InsuranceType.LatterStageElderly,
        ["employee"] = InsuranceType.Employee,
        ["welfare"] = InsuranceType.WelfareMedicalAid,
    };

    /// <summary>Checks every row; good rows become entries, bad rows problems. Nothing is all-or-nothing.</summary>
    public static (List<RegisterEntry> Entries, List<RegisterProblem> Problems) Parse(IEnumerable<RegisterRow> rows, IReadOnlySet<string> wards, DateOnly today)
    {
        var entries = new List<RegisterEntry>();
        var problems = new List<RegisterProblem>();
        var households = new Dictionary<string, HouseholdFacts>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var found = new List<RegisterProblem>();
            var entry = ParseRow(row, wards, today, found);
            if (entry is not null && !seen.Add(entry.ResidentNumber))
                found.Add(new(row.Line, "resident_number", RegisterKeys.DuplicateResident, row.ResidentNumber));
            if (entry is not null && households.TryGetValue(entry.HouseholdNumber, out var known) && known != entry.Household)
                found.Add(new(row.Line, "household_number", RegisterKeys.HouseholdMismatch, row.HouseholdNumber));
            if (found.Count > 0 || entry is null)
            {
                problems.AddRange(found);
                continue;
            }
            households.TryAdd(entry.HouseholdNumber, entry.Household);
            entries.Add(entry);
        }
        return (entries, problems);
    }

    private static RegisterEntry? ParseRow(RegisterRow row, IReadOnlySet<string> wards, DateOnly today, List<RegisterProblem> problems)
    {
        void Problem(string field, string key, string? value) => problems.Add(new(row.Line, field, key, value));

        string Text(string field, string value, int max)
        {
            var trimmed = value.Trim();
            if (trimmed.Length == 0) Problem(field, RegisterKeys.Required, null);
            else if (trimmed.Length > max) Problem(field, RegisterKeys.Format, trimmed[..20] + "…");
            return trimmed;
        }

        bool? Flag(string field, string value) => value.Trim() switch
        {
            "" => null,
            "1" or "true" or "yes" => true,
            "0" or "false" or "no" => false,
            var other => Invalid<bool?>(field, other),
        };

        T? Invalid<T>(string field, string value)
        {
            Problem(field, RegisterKeys.UnknownValue, value);
            return default;
        }

        var residentNumber = Text("resident_number", row.ResidentNumber, MaxNumberLength);
        var householdNumber = Text("household_number", row.HouseholdNumber, MaxNumberLength);
        var family = Text("family_name", row.FamilyName, MaxNameLength);
        var given = Text("given_name", row.GivenName, MaxNameLength);
        var relation = Enum.TryParse<HouseholdRelation>(row.Relation.Trim(), ignoreCase: true, out var r) && Enum.IsDefined(r)
            ? r : Invalid<HouseholdRelation?>("relation", row.Relation) ?? HouseholdRelation.Other;

        DateOnly birth = default;
        if (row.BirthDate.Trim().Length == 0) Problem("birth_date", RegisterKeys.Required, null);
        else if (!DateOnly.TryParseExact(row.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            Problem("birth_date", RegisterKeys.Format, row.BirthDate);
        else if (birth > today) Problem("birth_date", RegisterKeys.FutureBirth, row.BirthDate);

        Sex sex = default;
        switch (row.Sex.Trim().ToUpperInvariant())
        {
            case "F": sex = Benefits.Sex.Female; break;
            case "M": sex = Benefits.Sex.Male; break;
            case "": Problem("sex", RegisterKeys.Required, null); break;
            default: Problem("sex", RegisterKeys.UnknownValue, row.Sex); break;
        }

        var ward = row.Ward.Trim().ToLowerInvariant();
        if (ward.Length == 0) Problem("ward", RegisterKeys.Required, null);
        else if (!wards.Contains(ward)) Problem("ward", RegisterKeys.UnknownValue, row.Ward);

        InsuranceType? insurance = row.Insurance.Trim() is { Length: > 0 } code
            ? InsuranceCodes.TryGetValue(code, out var i) ? i : Invalid<InsuranceType?>("insurance", code)
            : null;

        var (disabilities, badParts) = ParseDisabilityList(row.Disabilities);
        foreach (var part in badParts) Problem("disabilities", RegisterKeys.Format, part);

        long? income = null;
        if (row.IncomeYen.Trim() is { Length: > 0 } incomeText)
        {
            if (long.TryParse(incomeText, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) income = value;
            else Problem("income_yen", RegisterKeys.Format, incomeText);
        }
        int? dependants = null;
        if (row.Dependants.Trim() is { Length: > 0 } dependantsText)
        {
            if (int.TryParse(dependantsText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 20) dependants = value;
            else Problem("dependants", RegisterKeys.Format, dependantsText);
        }

        var household = new HouseholdFacts(Flag("single_parent", row.SingleParent), Flag("resident_tax_exempt", row.ResidentTaxExempt),
            Flag("welfare_recipient", row.WelfareRecipient), income, dependants);
        return problems.Count > 0 ? null
            : new RegisterEntry(residentNumber, householdNumber, relation, family, given, birth, sex, ward, insurance, disabilities, household);
    }

    /// <summary>Reads a typed certificate list ("heart:1; mental:2"); parts that are not a known kind and grade 1–7 come back as bad.</summary>
    public static (List<Disability> Certificates, List<string> Bad) ParseDisabilityList(string text)
    {
        var certificates = new List<Disability>();
        var bad = new List<string>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length == 2 && DisabilityCodes.TryGetValue(pieces[0], out var kind)
                && int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var grade) && grade is >= 1 and <= 7)
                certificates.Add(new(kind, grade));
            else
                bad.Add(part);
        }
        return (certificates, bad);
    }

    /// <summary>The stored form of a certificate list: "heart:1;mental:2".</summary>
    public static string FormatDisabilities(IEnumerable<Disability> disabilities) =>
        string.Join(';', disabilities.Select(d => $"{DisabilityCodes.First(p => p.Value == d.Kind).Key}:{d.Grade}"));

    public static IReadOnlyList<Disability> ParseDisabilities(string stored) =>
        stored.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(':'))
            .Select(p => new Disability(DisabilityCodes[p[0]], int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
