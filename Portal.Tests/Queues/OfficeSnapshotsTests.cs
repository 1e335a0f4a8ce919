using Portal.Core.Languages;
using Portal.Core.Queues;

namespace Portal.Tests.Queues;

/// <summary>Pages of one office share one read of what they all show, until the office changes.</summary>
public sealed class OfficeSnapshotsTests
{
    private static readonly DateTimeOffset Now = TicketTests.Now;
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static Func<Task<OfficeSnapshot>> Counting(Action counted, IReadOnlyList<OfficeService>? services = null,
        Dictionary<long, LocalizedText>? counters = null) => () =>
    {
        counted();
        return Task.FromResult(new OfficeSnapshot(Today, services ?? [], [], [], counters ?? new Dictionary<long, LocalizedText>(), [], OfficeQueueSettings.Default("chuo"),
            new Dictionary<long, (IReadOnlyList<TimeSpan>, IReadOnlyList<TimeSpan>)>(), true));
    };

    [Fact]
    public async Task Many_readers_share_one_load_until_the_office_changes()
    {
        var snapshots = new OfficeSnapshots();
        var loads = 0;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => snapshots.GetAsync("chuo", Now, Today, Counting(() => Interlocked.Increment(ref loads)))));
        Assert.Equal(1, loads);

        snapshots.Changed("chuo");
        await snapshots.GetAsync("chuo", Now, Today, Counting(() => loads++));
        await snapshots.GetAsync("inage", Now, Today, Counting(() => loads++));
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task A_ticket_changed_here_goes_into_the_snapshot_in_place_unless_another_change_came_first()
    {
        var snapshots = new OfficeSnapshots();
        var loads = 0;
        var load = Counting(() => Interlocked.Increment(ref loads), [TicketTests.Moving],
            new Dictionary<long, LocalizedText> { [1] = LocalizedText.Of("1番窓口") });
        await snapshots.GetAsync("chuo", Now, Today, load);
        var ticket = TicketTests.Issued(id: 7);

        snapshots.Changed("chuo", [ticket]);
        var kept = await snapshots.GetAsync("chuo", Now, Today, load);
        Assert.Equal((1, 7L), (loads, kept.Active.Single().Id));
        ticket.Call(1, Now.AddMinutes(1));
        snapshots.Changed("chuo", [ticket]);
        kept = await snapshots.GetAsync("chuo", Now, Today, load);
        Assert.Equal((1, TicketState.Called, "1番窓口"), (loads, kept.Active.Single().State, kept.Called.Single().CounterName.Japanese));

        // Another node's change is not in the snapshot: a change made here after it cannot be put in place.
        snapshots.Changed("chuo");
        snapshots.Changed("chuo", [TicketTests.Issued(number: 2, id: 8)]);
        await snapshots.GetAsync("chuo", Now, Today, load);
        Assert.Equal(2, loads);

        // A counter set up since the snapshot was read (its name unknown to it): read anew.
        var elsewhere = TicketTests.Issued(number: 3, id: 9);
        elsewhere.Call(2, Now.AddMinutes(2));
        snapshots.Changed("chuo", [elsewhere]);
        await snapshots.GetAsync("chuo", Now, Today, load);
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task A_snapshot_is_read_again_after_a_few_seconds_or_on_a_new_day()
    {
        var snapshots = new OfficeSnapshots();
        var loads = 0;
        await snapshots.GetAsync("chuo", Now, Today, Counting(() => loads++));
        await snapshots.GetAsync("chuo", Now + OfficeSnapshots.MaxAge - TimeSpan.FromMilliseconds(1), Today, Counting(() => loads++));
        Assert.Equal(1, loads);
        await snapshots.GetAsync("chuo", Now + OfficeSnapshots.MaxAge, Today, Counting(() => loads++));
        await snapshots.GetAsync("chuo", Now + OfficeSnapshots.MaxAge, Today.AddDays(1), Counting(() => loads++));
        Assert.Equal(3, loads);
    }
}
