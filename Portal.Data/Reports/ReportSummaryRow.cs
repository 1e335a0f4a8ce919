using Portal.Core.Reports;
using Portal.Core.Text;

namespace Portal.Data.Reports;

/// <summary>
/// The columns of a published report that the public may see, read by the public list and map and by the
/// open-data export alike: no reporter, contact or assignment columns are even selected.
/// </summary>
internal sealed class ReportSummaryRow
{
    public const string Columns = "Id, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, SupportCount, CreatedUtc, UpdatedUtc";

    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public string Description { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string WardId { get; set; } = "";
    public string Status { get; set; } = "";
    public int SupportCount { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    public ReportSummary ToSummary() => new(Id, Enum.Parse<ReportKind>(Kind), CategoryCode, SubmittedText.Clean(Description), Latitude, Longitude,
        WardId, Enum.Parse<ReportStatus>(Status), SupportCount, CreatedUtc, UpdatedUtc);
}
