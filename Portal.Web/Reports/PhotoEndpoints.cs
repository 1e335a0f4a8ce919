using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Web.Security;

namespace Portal.Web.Reports;

/// <summary>
/// Serves the processed versions of report photos. A published photo is public; an unpublished one is seen
/// only by staff whose ward scope covers the report (its own ward office, or city-wide) and by its reporter. The
/// original upload is never served.
/// </summary>
public static class PhotoEndpoints
{
    public static void MapReportPhotos(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/photos/{photoId:long}/{size}", ServeAsync).AllowAnonymous();

    private static async Task<IResult> ServeAsync(long photoId, string size, HttpContext context, IReportRepository reports, IPhotoStore store,
        StaffScopes scopes)
    {
        var version = size switch
        {
            "display" => PhotoVersion.Display,
            "thumb" => PhotoVersion.Thumbnail,
            _ => (PhotoVersion?)null,
        };
        if (version is null) return Results.NotFound();
        var photo = await reports.GetPhotoAsync(photoId, context.RequestAborted);
        if (photo is null) return Results.NotFound();
        if (!photo.IsPublished)
        {
            var user = context.User;
            var report = await reports.GetAsync(photo.ReportId, context.RequestAborted);
            var isStaff = report is not null && (await scopes.OfAsync(user.ToActor(null), context.RequestAborted)).Covers(report.WardId);
            var isReporter = user.AccountId() is { } me && report?.ReporterId == me;
            if (!isStaff && !isReporter) return Results.NotFound();
        }
        var stream = await store.OpenReadAsync(photo.StorageKey, version.Value, context.RequestAborted);
        if (stream is null) return Results.NotFound();
        // Unpublished photos must not linger in shared caches; published ones are checked again, since staff may redact them.
        context.Response.Headers.CacheControl = photo.IsPublished ? "public, no-cache" : "private, no-store";
        return Results.Stream(stream, "image/jpeg");
    }
}
