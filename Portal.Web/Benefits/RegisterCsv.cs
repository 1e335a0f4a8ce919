using System.Globalization;
using CsvHelper;
using Portal.Core.Benefits;

namespace Portal.Web.Benefits;

/// <summary>
/// Reads the register extract CSV (UTF-8, header row; columns in docs/for-you.md). Unknown columns are ignored,
/// missing optional ones read as empty; a missing required column is one clear problem instead of one per line.
/// </summary>
public static class RegisterCsv
{
    public static readonly string[] Required = ["resident_number", "household_number", "relation", "family_name", "given_name", "birth_date", "sex", "ward"];

    public static async Task<(List<RegisterRow> Rows, List<RegisterProblem> Problems)> ReadAsync(Stream stream, CancellationToken ct)
    {
        var rows = new List<RegisterRow>();
        var problems = new List<RegisterProblem>();
        await using var csv = CsvReader.Create(stream, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        await csv.ReadHeaderAsync(ct);
        var index = csv.Headers.Select((h, i) => (Name: h.Trim().ToLowerInvariant(), i))
            .GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var column in Required.Where(c => !index.ContainsKey(c)))
            problems.Add(new(1, column, RegisterKeys.Required, null));
        if (problems.Count > 0) return (rows, problems);

        string Field(string name) => index.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i) : "";
        while (await csv.ReadAsync(ct))
        {
            rows.Add(new RegisterRow
            {
                Line = (int)csv.LineNumber,
                ResidentNumber = Field("resident_number"),
                HouseholdNumber = Field("household_number"),
                Relation = Field("relation"),
                FamilyName = Field("family_name"),
                GivenName = Field("given_name"),
                BirthDate = Field("birth_date"),
                Sex = Field("sex"),
                Ward = Field("ward"),
                Insurance = Field("insurance"),
                Disabilities = Field("disabilities"),
                SingleParent = Field("single_parent"),
                ResidentTaxExempt = Field("resident_tax_exempt"),
                WelfareRecipient = Field("welfare_recipient"),
                IncomeYen = Field("income_yen"),
                Dependants = Field("dependants"),
            });
        }
        return (rows, problems);
    }
}
