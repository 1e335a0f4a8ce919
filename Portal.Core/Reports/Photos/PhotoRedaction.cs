using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Photos;

/// <summary>
/// Staff black out parts of a photo (faces, number plates, nameplates) before it is published. Both the
/// display image and the thumbnail are redacted; the original stays private, as always.
/// </summary>
public sealed class PhotoRedaction(IReportRepository reports, IPhotoStore store, IPhotoProcessor processor, AuditTrail audit, Accounts.StaffScopes scopes)
{
    public async Task<CommandResult<Report>> RedactAsync(Actor staff, long reportId, long photoId, IReadOnlyList<RedactionBox> boxes, CancellationToken ct)
    {
        var photo = await reports.GetPhotoAsync(photoId, ct);
        if (photo is null || photo.ReportId != reportId) return CommandResult<Report>.Fail("PhotoId", ReportErrors.PhotoNotFound);
        var report = await reports.GetAsync(reportId, ct);
        if (report is null) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        if (!(await scopes.OfAsync(staff, ct)).Covers(report.WardId)) return CommandResult<Report>.Fail("Id", Accounts.ScopeErrors.OtherOffice);
        if (boxes.Count == 0) return CommandResult<Report>.Ok(report);

        var display = await ReadAsync(photo.StorageKey, PhotoVersion.Display, ct);
        var thumbnail = await ReadAsync(photo.StorageKey, PhotoVersion.Thumbnail, ct);
        if (display is null || thumbnail is null) return CommandResult<Report>.Fail("PhotoId", ReportErrors.PhotoNotFound);

        var redactedDisplay = await processor.RedactAsync(display, boxes, ct);
        var redactedThumbnail = await processor.RedactAsync(thumbnail, boxes, ct);
        if (!await store.ReplacePublishedAsync(photo.StorageKey, redactedDisplay, redactedThumbnail, ct))
            return CommandResult<Report>.Fail("PhotoId", ReportErrors.PhotoNotFound);
        await reports.SavePhotoAsync(photo with { IsRedacted = true }, ct);
        await audit.RecordAsync(staff, ReportAuditActions.PhotoRedacted, ReportAuditActions.Entity,
            reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"photo={photoId}; boxes={boxes.Count}", ct);
        return CommandResult<Report>.Ok(report);
    }

    private async Task<byte[]?> ReadAsync(string key, PhotoVersion version, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(key, version, ct);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
