using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Staff;

/// <summary>The staff report pages through the whole app: who gets in, and what opening a report leaves in the audit trail.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class StaffReportPagesHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resident_is_sent_to_not_allowed_from_the_inbox_and_from_a_report()
    {
        using var client = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Resident));

        foreach (var page in new[] { "/staff/reports", "/staff/reports/1", "/admin/report-categories" })
        {
            using var response = await client.GetAsync(page, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/not-allowed", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Opening_a_report_as_staff_writes_a_report_viewed_record_with_who_and_from_where()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, "chuo");
        var reports = app.Services.GetRequiredService<ReportService>();
        var submitted = await reports.SubmitAsync(new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "交差点の手前に穴", Latitude = 35.6083, Longitude = 140.1233,
        }, null, "web", Ct);
        Assert.True(submitted.Succeeded);
        var id = submitted.Value!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var client = await app.SignedInClientAsync(staff);

        using var response = await client.GetAsync($"/staff/reports/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("交差点の手前に穴", await response.Content.ReadAsStringAsync(Ct));
        var records = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(Action: ReportAuditActions.Viewed, EntityId: id), Ct);
        var record = Assert.Single(records);
        Assert.Equal((staff.Id, ReportAuditActions.Entity, "127.0.0.1"), (record.ActorId, record.EntityType, record.IpAddress));
    }
}
