using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Core.Rules;

namespace Portal.Web.Queues;

/// <summary>
/// Development only: residents arrive at every office (a Poisson process per service) and simulated staff at all
/// counters but the first of each office (left for a person trying the console) call, serve, now and then recall
/// and give up on them, so boards, ticket pages and statistics move. <see cref="QueueOptions.SimulatorSpeed"/>
/// runs the clock of the visits faster than real time.
/// </summary>
public sealed class QueueSimulator(IServiceProvider services, IOptions<QueueOptions> options, ILogger<QueueSimulator> log) : BackgroundService
{
    private readonly Random _random = new(2026);
    private readonly Dictionary<long, Visit> _visits = [];
    private readonly List<(Actor Staff, Counter Counter)> _desks = [];

    private sealed record Visit(long TicketId, DateTimeOffset Due, bool Absent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrepareAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await StepAsync(stoppingToken); }
                catch (RuleException e) { log.LogDebug("Simulator step refused: {Key}", e.Key); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            log.LogError(e, "The queue simulator stopped.");
        }
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        var accounts = services.GetRequiredService<IUserAccountRepository>();
        var setup = services.GetRequiredService<IQueueSetupRepository>();
        var queues = services.GetRequiredService<TicketService>();
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var office in await services.GetRequiredService<IOfficeRepository>().ListAsync(ct))
        {
            foreach (var counter in (await setup.ListCountersAsync(office.Id, ct)).Where(c => c.Active).Skip(1))
            {
                var email = $"simulator.{office.Id}.{counter.Id}@demo.chiba-portal.jp";
                // A password hash nobody can match: simulated staff never sign in.
                var account = await accounts.GetByEmailAsync(email, ct);
                if (account is null)
                {
                    account = UserAccount.Create(email, $"模擬職員 {counter.Name.Japanese}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Role.Staff, office.Id, time.GetUtcNow());
                    await accounts.CreateAsync(account, ct);
                }
                var staff = Actor.For(account, null);
                await queues.TakeCounterAsync(staff, office.Id, counter.Id, counter.ServiceIds, ct);
                // A visit left at the counter by the last run ends now.
                if (await queues.DeskAsync(staff, ct) is { Current: { } left })
                    await queues.FinishAsync(staff, left.Id, ct);
                _desks.Add((staff, counter));
            }
        }
        log.LogInformation("Queue simulator staffs {Count} counters at {Speed}x speed.", _desks.Count, options.Value.SimulatorSpeed);
    }

    private async Task StepAsync(CancellationToken ct)
    {
        var queues = services.GetRequiredService<TicketService>();
        var setup = services.GetRequiredService<IQueueSetupRepository>();
        var time = services.GetRequiredService<TimeProvider>();
        var speed = Math.Max(1, options.Value.SimulatorSpeed);
        var now = time.GetUtcNow();

        // Arrivals: each office's rate shared over its services, one step of simulated time.
        foreach (var group in (await setup.ListServicesAsync(null, ct)).Where(s => s.Active).GroupBy(s => s.OfficeId))
        {
            var perServicePerSecond = options.Value.SimulatorArrivalsPerHour / 3600.0 / group.Count();
            foreach (var service in group)
                if (_random.NextDouble() < perServicePerSecond * speed)
                    await queues.IssueAsync(service.OfficeId, service.Id, service.FastLane && _random.NextDouble() < 0.1 ? TicketLane.FastLane : TicketLane.WalkIn, ct);
        }

        foreach (var (staff, counter) in _desks)
        {
            try
            {
                await StepCounterAsync(queues, setup, staff, counter, now, speed, ct);
            }
            catch (RuleException e)
            {
                // Someone changed the ticket or the counter meanwhile: start afresh at this counter.
                log.LogDebug("Simulator at {Counter}: {Key}", counter.Name.Japanese, e.Key);
                _visits.Remove(counter.Id);
            }
        }
    }

    private async Task StepCounterAsync(TicketService queues, IQueueSetupRepository setup, Actor staff, Counter counter, DateTimeOffset now, int speed, CancellationToken ct)
    {
        {
            if (!_visits.TryGetValue(counter.Id, out var visit))
            {
                var ticket = await queues.CallNextAsync(staff, ct);
                if (ticket is null) return;
                var absent = _random.NextDouble() < 0.05;
                var service = await setup.GetServiceAsync(ticket.ServiceId, ct);
                // Service times spread around the service's default (log-normal, as service times are).
                var minutes = (service?.DefaultServiceMinutes ?? 10) * Math.Exp(0.4 * Normal());
                var due = now + TimeSpan.FromMinutes(absent ? 1.5 : minutes) / speed;
                _visits[counter.Id] = new Visit(ticket.Id, due, absent);
                return;
            }
            if (now < visit.Due) return;
            if (visit.Absent)
            {
                var current = await services.GetRequiredService<ITicketRepository>().GetAsync(visit.TicketId, ct);
                var settings = await setup.GetSettingsAsync(counter.OfficeId, ct);
                if (current is not null && current.CanMarkNoShow(settings.RecallsBeforeNoShow))
                    await queues.NoShowAsync(staff, visit.TicketId, ct);
                else
                {
                    await queues.RecallAsync(staff, visit.TicketId, ct);
                    _visits[counter.Id] = visit with { Due = now + TimeSpan.FromMinutes(1.5) / speed };
                    return;
                }
            }
            else
                await queues.FinishAsync(staff, visit.TicketId, ct);
            _visits.Remove(counter.Id);
        }
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
