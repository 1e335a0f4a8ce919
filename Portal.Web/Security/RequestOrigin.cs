using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Security;

/// <summary>
/// Where the current user connects from, for the audit trail. Filled from the HTTP request, and for
/// interactive pages from the request that opened the circuit, since a circuit has no HttpContext.
/// </summary>
public sealed class RequestOrigin
{
    public string? IpAddress { get; set; }

    public static string? From(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString();
}

public sealed class RequestOriginCircuitHandler(RequestOrigin origin, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        origin.IpAddress = RequestOrigin.From(accessor.HttpContext) ?? origin.IpAddress;
        return Task.CompletedTask;
    }
}
