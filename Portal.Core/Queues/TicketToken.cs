using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Queues;

/// <summary>
/// The secret in a ticket page's link: 128 random bits in base64url (22 characters). Only its SHA-256 is
/// stored, so a copy of the database does not open anyone's ticket page.
/// </summary>
public static class TicketToken
{
    public const int Bytes = 16;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Is the text shaped like a token (so junk never reaches the database)?</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Keeps a ticket page's token for the signed-in resident who asked to be told about the ticket, so that their home
/// can link back to the page. Sealed by a key kept apart from the database (the web host's data protection), so a
/// copy of the database still does not open anyone's ticket page.
/// </summary>
public interface ITicketTokenSeal
{
    string Seal(string token);

    /// <summary>The token, or null when the sealed text cannot be opened (another key ring, tampering).</summary>
    string? Open(string sealedToken);
}
