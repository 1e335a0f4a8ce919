using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Web.Hosting;

/// <summary>
/// The answer of /healthz: the overall status alone on the first line (Healthy, Degraded or Unhealthy), then one line
/// per check with its status and a short description ("redis: Degraded (Redis unreachable: ...)"). No exception text:
/// the endpoint is public.
/// </summary>
public static class HealthText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description)) text.Append(" (").Append(entry.Description).Append(')');
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
