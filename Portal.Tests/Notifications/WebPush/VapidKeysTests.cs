using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Notifications.WebPush;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>The portal's VAPID key pair: made once, kept in the data folder, or taken from configuration.</summary>
public sealed class VapidKeysTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    [Fact]
    public void The_first_run_makes_a_P256_pair_and_later_runs_read_the_same_one()
    {
        var first = VapidKeys.LoadOrCreate(new WebPushOptions(), _folder)!;
        var second = VapidKeys.LoadOrCreate(new WebPushOptions(), _folder)!;

        Assert.Equal(first, second);
        var point = WebEncoders.Base64UrlDecode(first.PublicKey);
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        Assert.Equal(32, WebEncoders.Base64UrlDecode(first.PrivateKey).Length);
        var file = Path.Combine(_folder, "webpush", VapidKeys.FileName);
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void The_private_key_signs_what_the_public_key_verifies()
    {
        var keys = VapidKeys.Create("mailto:a@example.jp");
        var point = WebEncoders.Base64UrlDecode(keys.PublicKey);
        using var signer = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256, D = WebEncoders.Base64UrlDecode(keys.PrivateKey),
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        var signature = signer.SignData("chiba"u8, HashAlgorithmName.SHA256);
        Assert.True(verifier.VerifyData("chiba"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Configured_keys_win_and_nothing_is_written()
    {
        var configured = VapidKeys.Create("mailto:ops@city.chiba.example");
        var keys = VapidKeys.LoadOrCreate(new WebPushOptions
        {
            PublicKey = configured.PublicKey, PrivateKey = configured.PrivateKey, Subject = "mailto:ops@city.chiba.example",
        }, _folder);

        Assert.Equal(configured, keys);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void A_public_key_that_does_not_belong_to_the_private_key_stops_the_start()
    {
        var one = VapidKeys.Create("mailto:a@example.jp");
        var other = VapidKeys.Create("mailto:a@example.jp");

        var e = Assert.Throws<InvalidOperationException>(() =>
            VapidKeys.LoadOrCreate(new WebPushOptions { PublicKey = one.PublicKey, PrivateKey = other.PrivateKey }, _folder));
        Assert.Contains("does not belong", e.Message);
    }

    [Fact]
    public void Switched_off_there_are_no_keys()
    {
        Assert.Null(VapidKeys.LoadOrCreate(new WebPushOptions { Enabled = false }, _folder));
        Assert.False(Directory.Exists(_folder));
    }
}
