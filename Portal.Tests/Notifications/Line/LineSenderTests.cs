using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;
using Portal.Web.Notifications.Line;

namespace Portal.Tests.Notifications.Line;

/// <summary>Pushes to a local stand-in for the Messaging API that checks each request and answers as LINE would.</summary>
public sealed class LineSenderTests : IAsyncLifetime
{
    private const string Token = "test-channel-access-token";
    private LocalHttpServer _line = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LocalHttpServer.StartAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _line.DisposeAsync();
    }

    private LineSender Sender() => new(_services.GetRequiredService<IHttpClientFactory>(),
        Options.Create(new LineOptions { ChannelAccessToken = Token, BaseAddress = _line.Address.ToString().TrimEnd('/') }));

    private static RenderedNotice Notice(long deliveryId) =>
        new(deliveryId, NoticeKind.ReportStatusChanged, "ja", "通報の状況が変わりました", "「道路の穴」は対応中になりました。", "https://portal.city.chiba.example/reports/45");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_carries_the_token_a_retry_key_and_one_text_message_for_the_user()
    {
        await Sender().SendAsync(Notice(501), "U4af4980629e0fa0b2d1c3e1f5a9b7c11", Ct);

        var request = Assert.Single(_line.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/bot/message/push", request.Path);
        Assert.Equal("Bearer " + Token, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.True(Guid.TryParseExact(request.Header("X-Line-Retry-Key"), "D", out _));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("U4af4980629e0fa0b2d1c3e1f5a9b7c11", json.RootElement.GetProperty("to").GetString());
        var message = Assert.Single(json.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Equal("通報の状況が変わりました\n「道路の穴」は対応中になりました。\nhttps://portal.city.chiba.example/reports/45", message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_retried_push_sends_the_same_retry_key_and_another_delivery_a_different_one()
    {
        var answers = new Queue<int>([500, 200, 200]);
        _line.Respond = _ => new LocalHttpServer.Answer(answers.Dequeue(), """{"message":"An error occurred in the backend"}""");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Sender().SendAsync(Notice(502), "U1", Ct));
        Assert.IsNotType<NoticeRejectedException>(failure);
        await Sender().SendAsync(Notice(502), "U1", Ct);
        await Sender().SendAsync(Notice(503), "U1", Ct);

        var keys = _line.Requests.Select(r => r.Header("X-Line-Retry-Key")).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
        Assert.Equal(LineSender.RetryKeyOf(502).ToString("D"), keys[0]);
    }

    [Fact]
    public async Task A_push_LINE_already_accepted_under_the_same_key_counts_as_sent()
    {
        _line.Respond = _ => new LocalHttpServer.Answer(409, """{"message":"The retry key is already accepted"}""");

        await Sender().SendAsync(Notice(504), "U1", Ct);

        Assert.Single(_line.Requests);
    }

    [Theory]
    [InlineData(400, """{"message":"The request body has 1 error(s)","details":[{"message":"invalid user id","property":"to"}]}""", true)]
    [InlineData(400, """{"message":"The property, 'to', in the request body is invalid (line: -, column: -)"}""", true)]
    [InlineData(400, """{"message":"The request body has 1 error(s)","details":[{"message":"Length must be between 0 and 5000","property":"messages[0].text"}]}""", false)]
    [InlineData(404, """{"message":"Not found"}""", true)]
    [InlineData(403, """{"message":"Access to this API is not available for your account"}""", false)]
    public async Task A_refusal_that_a_retry_cannot_change_is_a_rejected_notice(int status, string body, bool addressGone)
    {
        _line.Respond = _ => new LocalHttpServer.Answer(status, body);

        var e = await Assert.ThrowsAsync<NoticeRejectedException>(() => Sender().SendAsync(Notice(505), "U1", Ct));

        Assert.Equal(addressGone, e.AddressGone);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    public async Task Limits_outages_and_a_wrong_token_are_retried(int status)
    {
        _line.Respond = _ => new LocalHttpServer.Answer(status, """{"message":"try later"}""");

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Sender().SendAsync(Notice(506), "U1", Ct));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
    }

    [Fact]
    public void The_retry_key_is_a_version_5_UUID_that_depends_only_on_the_delivery()
    {
        var key = LineSender.RetryKeyOf(123456789);
        Assert.Equal(key, LineSender.RetryKeyOf(123456789));
        Assert.Equal('5', key.ToString("D")[14]);
        Assert.Contains(key.ToString("D")[19], "89ab");
    }
}
