using Portal.Core.Queues;

namespace Portal.Tests.Queues;

/// <summary>Statistics come from the event log: waits, service times, no-shows and the estimate's error.</summary>
public sealed class QueueStatisticsTests
{
    private static readonly DateTimeOffset NineJst = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static readonly OfficeService Moving = TicketTests.Moving;
    private static readonly OfficeService Certificates = TicketTests.Certificates;

    private static TicketEventRow E(long ticket, TicketEventKind kind, int minutesAfterNine, long serviceId = 1, int? wait = null, int? service = null, int? error = null) =>
        new(ticket, "chuo", serviceId, kind, NineJst.AddMinutes(minutesAfterNine), wait * 60, service * 60, error * 60);

    [Fact]
    public void Waits_are_given_as_median_and_90th_percentile_per_service()
    {
        var events = Enumerable.Range(1, 10).Select(i => E(i, TicketEventKind.Called, 60, wait: i * 5)).ToList();
        var stats = QueueStatistics.Compute(events, [Moving, Certificates]);
        var moving = stats.Services.Single(s => s.ServiceId == Moving.Id);
        Assert.Equal(27.5, moving.WaitMedian);
        Assert.Equal(45.5, moving.WaitP90!.Value, 3);
        Assert.Null(stats.Services.Single(s => s.ServiceId == Certificates.Id).WaitMedian);
    }

    [Fact]
    public void Tickets_are_counted_per_hour_in_Japan_time()
    {
        var events = new[] { E(1, TicketEventKind.Issued, 5), E(2, TicketEventKind.Issued, 50), E(3, TicketEventKind.Issued, 70, serviceId: 2) };
        var stats = QueueStatistics.Compute(events, [Moving, Certificates]);
        Assert.Equal(2, stats.IssuedByHour.Single(h => h.Hour == 9).Issued);
        Assert.Equal(1, stats.IssuedByHour.Single(h => h.Hour == 10).Issued);
        Assert.Equal(0, stats.IssuedByHour.Single(h => h.Hour == 16).Issued);
        Assert.Equal(3, stats.Issued);
    }

    [Fact]
    public void The_no_show_rate_counts_no_shows_among_tickets_that_ended_at_a_counter()
    {
        var events = new[]
        {
            E(1, TicketEventKind.Served, 10, service: 5), E(2, TicketEventKind.Served, 20, service: 7), E(3, TicketEventKind.Served, 30, service: 9),
            E(4, TicketEventKind.NoShow, 40),
        };
        var moving = QueueStatistics.Compute(events, [Moving]).Services.Single();
        Assert.Equal((0.25, 7.0), (moving.NoShowRate!.Value, moving.ServiceMedian!.Value));
    }

    [Fact]
    public void The_estimate_error_is_the_actual_wait_minus_the_estimate_both_signed_and_absolute()
    {
        var events = new[] { E(1, TicketEventKind.Called, 10, wait: 20, error: 6), E(2, TicketEventKind.Called, 20, wait: 10, error: -4) };
        var stats = QueueStatistics.Compute(events, [Moving]);
        Assert.Equal((1.0, 5.0), (stats.Services[0].EstimateErrorMean!.Value, stats.Services[0].EstimateErrorAbsMean!.Value));
        Assert.Equal(5.0, stats.EstimateErrorAbsMean);
    }
}
