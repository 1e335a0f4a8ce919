using System.Text.Json.Serialization;
using Portal.Core.Queues;
using Portal.Web.Languages;
using Portal.Web.Live;
using Portal.Web.Queues.Streams;

namespace Portal.Web.Queues;

/// <summary>The "Queues" configuration section.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>Issue tickets outside counter hours (development and demos).</summary>
    public bool IgnoreHours { get; set; }

    /// <summary>Run the development simulator that issues and serves tickets (Development only).</summary>
    public bool Simulator { get; set; }

    /// <summary>How many simulated residents arrive per office per hour.</summary>
    public int SimulatorArrivalsPerHour { get; set; } = 40;

    /// <summary>How much faster than real time the simulated visits run (1 = real time).</summary>
    public int SimulatorSpeed { get; set; } = 1;

    /// <summary>The languages the calling boards cycle through (culture names of the portal); Japanese and English when none.</summary>
    public string[] BoardLanguages { get; set; } = [];

    /// <summary>How many seconds each language stays on a calling board.</summary>
    public int BoardLanguageSeconds { get; set; } = 8;

    /// <summary>
    /// How often an open ticket or crowding page's event stream gets a comment line when nothing happens, so that
    /// proxies and mobile networks do not drop it as idle.
    /// </summary>
    public int StreamKeepAliveSeconds { get; set; } = 15;
}

/// <summary>Live topics of the queues: one per office (any change there) and one per ticket.</summary>
public static class QueueTopics
{
    public static string Office(string officeId) => $"queue:office:{officeId}";
    public static string Ticket(long ticketId) => $"queue:ticket:{ticketId}";

    private const string OfficePrefix = "queue:office:";

    /// <summary>The office of an office topic, or null for any other topic.</summary>
    public static string? OfficeOf(string topic) =>
        topic.StartsWith(OfficePrefix, StringComparison.Ordinal) && topic.Length > OfficePrefix.Length ? topic[OfficePrefix.Length..] : null;
}

/// <summary>
/// An office changed on another web node (a call, a new ticket, an admin's setup change): this node drops its
/// snapshot of the office before its pages hear the signal and reload. The ticket service is looked up on first use,
/// since it publishes through the bus that holds this listener.
/// </summary>
public sealed class QueueSnapshotInvalidation(IServiceProvider services) : IRemoteSignalListener
{
    public void Heard(string topic)
    {
        if (QueueTopics.OfficeOf(topic) is { } officeId)
            services.GetRequiredService<TicketService>().ChangedElsewhere(officeId);
    }
}

/// <summary>Publishes a queue change to the live bus, after the change was committed.</summary>
public sealed class LiveQueueSignals(ILiveBus bus) : IQueueSignals
{
    public void Changed(string officeId, IEnumerable<long> ticketIds)
    {
        bus.Publish(QueueTopics.Office(officeId));
        foreach (var id in ticketIds) bus.Publish(QueueTopics.Ticket(id));
    }
}

public static class QueueWiring
{
    public static IServiceCollection AddQueues(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var options = config.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        services.Configure<QueueOptions>(config.GetSection(QueueOptions.Section));
        services.AddSingleton(new QueueRules(options.IgnoreHours));
        services.AddSingleton<IQueueSignals, LiveQueueSignals>();
        services.AddSingleton<ITicketTokenSeal, TicketTokenSeal>();
        services.AddSingleton<TicketService>();
        services.AddSingleton<QueueSetupService>();
        services.AddSingleton<IRemoteSignalListener, QueueSnapshotInvalidation>();
        services.AddSingleton<QueueStatisticsService>();
        services.AddSingleton(s => Kiosk.BoardLanguageCycle.From(options, s.GetRequiredService<Portal.Core.Languages.OfferedLanguages>()));
        // The light ticket and crowding pages' event streams: one feed per office per node (Queues/Streams).
        services.AddSingleton<QueueWordBook>();
        services.AddSingleton<QueueFeeds>();
        services.AddSingleton<ForecastCache>();
        if (env.IsDevelopment() && options.Simulator)
            services.AddHostedService<QueueSimulator>();
        return services;
    }

    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        // Open data and signage: every office's lines now. Fields are documented on QueueStatusDocument.
        app.MapGet("/api/queue/status", async (TicketService queues, Portal.Core.Offices.IOfficeRepository offices, Portal.Core.Languages.OfferedLanguages languages, TimeProvider time, CancellationToken ct) =>
        {
            var list = new List<OfficeStatusDocument>();
            foreach (var office in await offices.ListAsync(ct))
            {
                var status = await queues.OfficeStatusAsync(office.Id, ct);
                list.Add(new OfficeStatusDocument(office.Id, office.Name.Japanese, office.Name.EnglishOrJapanese(), office.Name.InEveryLanguage(languages), status.OpenNow,
                    status.Services.Select(s => new ServiceStatusDocument(s.Service.Code, s.Service.Name.Japanese, s.Service.Name.EnglishOrJapanese(),
                        s.Service.Name.InEveryLanguage(languages), s.Waiting, s.OpenCounters,
                        (int)Math.Round(s.Estimate.Low.TotalMinutes), (int)Math.Round(s.Estimate.High.TotalMinutes), BandCode(s.Estimate.Band), s.Estimate.Uncertain)).ToList(),
                    status.Called.Select(c => new CalledDocument(c.Display, c.CounterName.Japanese, c.CounterName.InEveryLanguage(languages))).ToList()));
            }
            return Results.Json(new QueueStatusDocument(time.GetUtcNow(), list));
        }).AllowAnonymous().WithName("QueueStatus");
        // The crowding forecast of one office (the page /queue/forecast/{officeId} shows the same); fields on ForecastDocument.
        app.MapGet("/api/queue/forecast/{officeId}", async (string officeId, ForecastCache forecasts,
            Portal.Core.Offices.IOfficeRepository offices, Portal.Core.Languages.OfferedLanguages languages, TimeProvider time, CancellationToken ct) =>
        {
            if (await offices.GetAsync(officeId, ct) is not { } office) return Results.NotFound(new { error = "not-found" });
            var forecast = await forecasts.ForOfficeAsync(office.Id, ct);
            return Results.Json(new ForecastDocument(time.GetUtcNow(), office.Id, CrowdingForecast.Weeks,
                forecast.Select(line => (line.Service, F: line.Forecast)).Select(x => new ServiceForecastDocument(x.Service.Code,
                    x.Service.Name.InEveryLanguage(languages),
                    x.F.Slots.Select(s => new ForecastSlotDocument(s.Day.ToString(), s.Hour, s.TypicalWaiting, Minutes(s.TypicalWait), s.Days)).ToList(),
                    x.F.BestTimes.Select(b => new BestTimeDocument(b.Date, b.Hour, b.Typical.TypicalWaiting, Minutes(b.Typical.TypicalWait))).ToList())).ToList()));
        }).AllowAnonymous();
        Statistics.QueueStatisticsEndpoints.MapQueueStatisticsCsv(app);
        app.MapQueueStreams();
        return app;
    }

    private static int? Minutes(TimeSpan? wait) => wait is { } w ? (int)Math.Round(w.TotalMinutes) : null;

    public static string BandCode(WaitBand band) => band switch
    {
        WaitBand.Under20 => "under20",
        WaitBand.From20To40 => "20to40",
        _ => "over40",
    };
}

/// <summary>GET /api/queue/status: <c>generatedUtc</c> and one entry per office.</summary>
public sealed record QueueStatusDocument(
    [property: JsonPropertyName("generatedUtc")] DateTimeOffset GeneratedUtc,
    [property: JsonPropertyName("offices")] IReadOnlyList<OfficeStatusDocument> Offices);

/// <summary>
/// An office: its id (ward code), names (Japanese, English, and <c>names</c>: the name in each of the portal's languages,
/// keyed by language code), whether counters are open now, its services and the numbers at counters.
/// </summary>
public sealed record OfficeStatusDocument(
    [property: JsonPropertyName("officeId")] string OfficeId,
    [property: JsonPropertyName("nameJa")] string NameJa,
    [property: JsonPropertyName("nameEn")] string NameEn,
    [property: JsonPropertyName("names")] IReadOnlyDictionary<string, string> Names,
    [property: JsonPropertyName("openNow")] bool OpenNow,
    [property: JsonPropertyName("services")] IReadOnlyList<ServiceStatusDocument> Services,
    [property: JsonPropertyName("nowCalling")] IReadOnlyList<CalledDocument> NowCalling);

/// <summary>
/// A service's line: people waiting, counters open for it, the estimated wait for a newcomer as a range in minutes,
/// the crowding band ("under20", "20to40", "over40") and whether the estimate rests on few data. Names as the office's.
/// </summary>
public sealed record ServiceStatusDocument(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("nameJa")] string NameJa,
    [property: JsonPropertyName("nameEn")] string NameEn,
    [property: JsonPropertyName("names")] IReadOnlyDictionary<string, string> Names,
    [property: JsonPropertyName("waiting")] int Waiting,
    [property: JsonPropertyName("openCounters")] int OpenCounters,
    [property: JsonPropertyName("waitMinutesLow")] int WaitMinutesLow,
    [property: JsonPropertyName("waitMinutesHigh")] int WaitMinutesHigh,
    [property: JsonPropertyName("band")] string Band,
    [property: JsonPropertyName("uncertain")] bool Uncertain);

/// <summary>A number being called or served, with its counter's name (Japanese, and in each of the portal's languages).</summary>
public sealed record CalledDocument(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("counter")] string Counter,
    [property: JsonPropertyName("counterNames")] IReadOnlyDictionary<string, string> CounterNames);

/// <summary>GET /api/queue/forecast/{officeId}: the office's lines by weekday and hour over the last <c>weeks</c> weeks.</summary>
public sealed record ForecastDocument(
    [property: JsonPropertyName("generatedUtc")] DateTimeOffset GeneratedUtc,
    [property: JsonPropertyName("officeId")] string OfficeId,
    [property: JsonPropertyName("weeks")] int Weeks,
    [property: JsonPropertyName("services")] IReadOnlyList<ServiceForecastDocument> Services);

/// <param name="Slots">Each weekday (English name) and hour (Japan time) the office opens.</param>
/// <param name="BestTimes">The quietest hours of the next seven days (Japan dates), quietest first.</param>
public sealed record ServiceForecastDocument(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] IReadOnlyDictionary<string, string> Name,
    [property: JsonPropertyName("slots")] IReadOnlyList<ForecastSlotDocument> Slots,
    [property: JsonPropertyName("bestTimes")] IReadOnlyList<BestTimeDocument> BestTimes);

public sealed record ForecastSlotDocument(
    [property: JsonPropertyName("day")] string Day,
    [property: JsonPropertyName("hour")] int Hour,
    [property: JsonPropertyName("typicalWaiting")] double TypicalWaiting,
    [property: JsonPropertyName("typicalWaitMinutes")] int? TypicalWaitMinutes,
    [property: JsonPropertyName("days")] int Days);

public sealed record BestTimeDocument(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("hour")] int Hour,
    [property: JsonPropertyName("typicalWaiting")] double TypicalWaiting,
    [property: JsonPropertyName("typicalWaitMinutes")] int? TypicalWaitMinutes);
