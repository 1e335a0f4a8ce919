using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Accounts;
using Portal.Web.Security;

namespace Portal.Web.Accounts.DataCare;

/// <summary>
/// A resident's own data: the export (GET, a ZIP, never cached, once a minute) and the account deletion (POST from
/// the static page /account/delete with its antiforgery token). Deletion ends the session in this response, which
/// an interactive page could not do.
/// </summary>
public static class DataCareEndpoints
{
    public const string ExportPath = "/account/export";
    public const string DeletePath = "/account/delete/confirm";

    public static void MapDataCare(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, ExportAsync).RequireAuthorization(Policies.Resident).RequireRateLimiting(RateLimits.DataExport);
        // Password guessing through this form is limited like the sign-in form.
        app.MapPost(DeletePath, DeleteAsync).RequireAuthorization(Policies.Resident).RequireRateLimiting(RateLimits.SignIn);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AccountDataExport export, TimeProvider time)
    {
        var id = context.User.AccountId()!.Value;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        using var buffer = new MemoryStream();
        if (!await export.WriteZipAsync(context.User.ToActor(RequestOrigin.From(context)), id, buffer, context.RequestAborted))
            return Results.NotFound();
        var day = Portal.Core.Time.JapanTime.Today(time).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(buffer.ToArray(), "application/zip", $"chiba-portal-my-data-{day}.zip");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, [FromForm] string? password, [FromForm] string? confirmation,
        AccountDeletionService deletion, SessionValidator sessions)
    {
        var id = context.User.AccountId()!.Value;
        var outcome = await deletion.DeleteAsync(id, password, confirmation, context.RequestAborted);
        switch (outcome)
        {
            case DeletionOutcome.Deleted or DeletionOutcome.AlreadyDeleted or DeletionOutcome.NotFound:
                // Every session of the account ends: the stamp changed and the account is disabled; the cached "still
                // current" answer for this stamp is dropped so that other tabs and devices end at their next request.
                sessions.Forget(context.User);
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/account/deleted");
            default:
                return Results.LocalRedirect("/account/delete?error=" + outcome switch
                {
                    DeletionOutcome.WrongPassword => "password",
                    DeletionOutcome.ConfirmationMismatch => "confirmation",
                    _ => "not-allowed",
                });
        }
    }
}
