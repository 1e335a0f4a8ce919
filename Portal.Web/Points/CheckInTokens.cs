using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Core.Points;

namespace Portal.Web.Points;

/// <summary>
/// Check-in codes signed and encrypted with ASP.NET Data Protection (authenticated: a changed code does not
/// open). The code carries the event and the second it was made; <see cref="CheckInCode"/> decides how long it holds.
/// </summary>
public sealed class CheckInTokens(IDataProtectionProvider provider) : ICheckInTokens
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChibaPortal.Points.CheckIn.v1");

    public string Issue(long eventId, DateTimeOffset now)
    {
        // Made at the start of the current 30-second window, so every screen shows the same code in a window.
        var window = now.ToUnixTimeSeconds() / (long)CheckInCode.RotateEvery.TotalSeconds * (long)CheckInCode.RotateEvery.TotalSeconds;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{eventId}:{window}");
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public long? Read(string token, DateTimeOffset now)
    {
        try
        {
            var payload = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split(':');
            if (payload.Length != 2
                || !long.TryParse(payload[0], NumberStyles.None, CultureInfo.InvariantCulture, out var eventId)
                || !long.TryParse(payload[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
                return null;
            return CheckInCode.IsFresh(DateTimeOffset.FromUnixTimeSeconds(issued), now) ? eventId : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
