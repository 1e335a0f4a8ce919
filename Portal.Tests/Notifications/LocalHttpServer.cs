using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Notifications;

/// <summary>
/// A stand-in for an outside service (LINE's APIs, a browser's push service) on Kestrel at 127.0.0.1: it records
/// every request it gets and answers with whatever the test's <see cref="Respond"/> says.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    public sealed record Recorded(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    public sealed record Answer(int Status, string Body = "{}", string ContentType = "application/json");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Recorded> _requests = new();

    private LocalHttpServer(WebApplication app) => _app = app;

    /// <summary>How to answer a request; 200 with an empty JSON object unless the test says otherwise.</summary>
    public Func<Recorded, Answer> Respond { get; set; } = _ => new Answer(200);

    public IReadOnlyList<Recorded> Requests => _requests.ToList();

    public Uri Address { get; private set; } = null!;

    public static async Task<LocalHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Address = new Uri(app.Urls.First());
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new Recorded(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.ToArray());
        _requests.Enqueue(recorded);
        var answer = Respond(recorded);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
