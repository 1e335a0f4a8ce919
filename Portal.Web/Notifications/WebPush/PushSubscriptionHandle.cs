using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Notifications.WebPush;

/// <summary>
/// What a page without an account holds to name this phone's push subscription in a form (the ticket page's "tell me
/// on this phone"): the subscription's id sealed with the host's data-protection keys, handed out only to the browser
/// that saved the subscription. A bare id would let anyone with a ticket send its notices to other people's phones by
/// counting ids.
/// </summary>
public sealed class PushSubscriptionHandle(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChibaPortal.Notifications.PushSubscription.v1");

    public string Seal(long id) => _protector.Protect(id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The subscription's id, or null for anything this host did not seal.</summary>
    public long? Open(string? handle)
    {
        if (string.IsNullOrEmpty(handle)) return null;
        try
        {
            return long.TryParse(_protector.Unprotect(handle), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
