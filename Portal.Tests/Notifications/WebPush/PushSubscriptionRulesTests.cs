using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Notifications.WebPush;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>Which subscriptions the portal accepts: real push services only, keys of the right size.</summary>
public sealed class PushSubscriptionRulesTests
{
    private static readonly string P256dh = WebEncoders.Base64UrlEncode([0x04, .. new byte[64]]);
    private static readonly string Auth = WebEncoders.Base64UrlEncode(new byte[16]);

    private static string? Validate(string endpoint, string? p256dh = null, string? auth = null, WebPushOptions? options = null) =>
        PushSubscriptionEndpoints.Validate(new PushSubscriptionBody(endpoint, new PushSubscriptionKeys(p256dh ?? P256dh, auth ?? Auth), "Android"),
            options ?? new WebPushOptions());

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc:def")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA")]
    [InlineData("https://web.push.apple.com/QGuQyavXutnMA")]
    [InlineData("https://wns2-par02p.notify.windows.com/w/?token=BQYAAA")]
    public void The_browsers_push_services_are_accepted(string endpoint) => Assert.Null(Validate(endpoint));

    [Theory]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://example.com/push")]
    [InlineData("https://fcm.googleapis.com.evil.example/push")]
    [InlineData("https://user:pw@fcm.googleapis.com/push")]
    [InlineData("http://127.0.0.1:5000/push")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public void Anything_else_is_refused_so_the_portal_posts_to_no_address_a_stranger_chose(string endpoint) =>
        Assert.Equal("endpoint", Validate(endpoint));

    [Fact]
    public void A_loopback_endpoint_is_allowed_only_when_tests_switch_it_on()
    {
        Assert.Null(Validate("http://127.0.0.1:5000/push", options: new WebPushOptions { AllowLoopbackEndpoints = true }));
        Assert.Equal("endpoint", Validate("http://localhost:5000/push", options: new WebPushOptions { AllowLoopbackEndpoints = true }));
    }

    [Fact]
    public void Configured_hosts_are_added_to_the_known_ones()
    {
        var options = new WebPushOptions { AllowedEndpointHosts = [".push.city.example"] };
        Assert.Null(Validate("https://a.push.city.example/x", options: options));
        Assert.Null(Validate("https://fcm.googleapis.com/fcm/send/x", options: options));
    }

    [Fact]
    public void Keys_must_have_the_sizes_of_a_P256_point_and_an_auth_secret()
    {
        const string endpoint = "https://fcm.googleapis.com/fcm/send/x";
        Assert.Equal("p256dh", Validate(endpoint, p256dh: WebEncoders.Base64UrlEncode(new byte[65])));
        Assert.Equal("p256dh", Validate(endpoint, p256dh: "!!"));
        Assert.Equal("auth", Validate(endpoint, auth: WebEncoders.Base64UrlEncode(new byte[8])));
        Assert.Equal("endpoint", Validate("https://fcm.googleapis.com/" + new string('a', PushSubscriptionEndpoints.MaxEndpointLength)));
    }
}
