using CsvHelper;
using Portal.Core.Text;

namespace Portal.Core.Benefits;

/// <summary>
/// Reads the register extract CSV (header row; columns in docs/for-you.md), in UTF-8 or in Shift_JIS as Excel saves
/// it (<see cref="FileText"/>). Unknown columns are ignored, missing optional ones read as empty; a missing required
/// column is one clear problem instead of one per line. No field of the register holds a line break, so every line
/// is one record: a quote left open, or any other broken quoting, is a problem of its own line and never swallows
/// the lines after it.
/// </summary>
public static class RegisterCsv
{
    public static readonly string[] Required = ["resident_number", "household_number", "relation", "family_name", "given_name", "birth_date", "sex", "ward"];

    /// <summary>The rows of the file and the problems found reading it; no rows and one problem when the file is refused.</summary>
    public static (List<RegisterRow> Rows, List<RegisterProblem> Problems) Read(ReadOnlySpan<byte> file)
    {
        var decoded = FileText.Decode(file);
        if (decoded.Text is not { } text)
        {
            var key = decoded.Refusal == FileTextRefusal.ReplacementCharacter ? RegisterKeys.Garbled : RegisterKeys.Encoding;
            return ([], [new RegisterProblem(decoded.RefusalLine, "", key, null)]);
        }
        return Read(text);
    }

    /// <summary>The rows of already decoded text.</summary>
    public static (List<RegisterRow> Rows, List<RegisterProblem> Problems) Read(string text)
    {
        var rows = new List<RegisterRow>();
        var problems = new List<RegisterProblem>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = bad => problems.Add(new((int)bad.LineNumber, "", RegisterKeys.Quote, Shorten(bad.RawRecord))),
        };
        using var csv = CsvReader.FromText(text, options);
        var index = csv.Headers.Select((h, i) => (Name: h.Trim().ToLowerInvariant(), i))
            .GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var column in Required.Where(c => !index.ContainsKey(c)))
            problems.Add(new(1, column, RegisterKeys.Required, null));
        if (problems.Count > 0) return (rows, problems);

        string Field(string name) => index.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i) : "";
        while (csv.Read())
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

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}
