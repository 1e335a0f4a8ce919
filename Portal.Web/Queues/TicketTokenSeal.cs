using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Queues;

namespace Portal.Web.Queues;

/// <summary>
/// Seals a ticket page's token with the host's data-protection keys (shared by every web node, kept apart from the
/// database), so that a resident's home can link to the page while a copy of the database opens none.
/// </summary>
public sealed class TicketTokenSeal(IDataProtectionProvider provider) : ITicketTokenSeal
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChibaPortal.Queues.TicketToken.v1");

    public string Seal(string token) => _protector.Protect(token);

    public string? Open(string sealedToken)
    {
        try
        {
            var token = _protector.Unprotect(sealedToken);
            return TicketToken.LooksValid(token) ? token : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
