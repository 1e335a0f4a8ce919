using Portal.Core.Reports;

namespace Portal.Web.Reports.Staff;

/// <summary>What a staff member filled in to move a report on: handed from the move dialog to the page, which calls ReportService.</summary>
public sealed record MoveRequest(ReportStatus To, string? PublicResponse, string? InternalNote, long? DuplicateOfId);
