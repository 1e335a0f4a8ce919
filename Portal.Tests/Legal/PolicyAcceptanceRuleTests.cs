using Microsoft.Extensions.Time.Testing;
using Portal.Core.Audit;
using Portal.Core.Legal;

namespace Portal.Tests.Legal;

/// <summary>Which version of the terms and privacy policy a resident must accept, and when: effective dates are Japan days.</summary>
public sealed class PolicyAcceptanceRuleTests
{
    private static readonly DateOnly NewYear = new(2027, 1, 1);

    /// <summary>Midnight at the start of 1 January 2027 in Japan is 15:00 UTC on 31 December 2026.</summary>
    private static readonly DateTimeOffset NewYearInJapan = new(2026, 12, 31, 15, 0, 0, TimeSpan.Zero);

    private static PolicyCatalog Catalog(params PolicyVersion[] versions) => new(versions);

    private static PolicyVersion Terms(int number, DateOnly effective, bool asksAgain = true) => new(PolicyKind.Terms, number, effective, asksAgain);

    private static PolicyVersion Privacy(int number, DateOnly effective, bool asksAgain = true) => new(PolicyKind.Privacy, number, effective, asksAgain);

    private static PolicyAcceptance Accepted(PolicyKind kind, int version) => new(kind, version, NewYearInJapan.AddDays(-30));

    [Fact]
    public void Nothing_is_asked_before_the_first_version_takes_effect_at_midnight_Japan_time()
    {
        var catalog = Catalog(Terms(1, NewYear), Privacy(1, NewYear));

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [], NewYearInJapan.AddTicks(-1)));
        Assert.Equal([Terms(1, NewYear), Privacy(1, NewYear)], PolicyAcceptanceRule.Pending(catalog, [], NewYearInJapan));
    }

    [Fact]
    public void A_resident_who_accepted_the_versions_in_force_is_not_asked()
    {
        var catalog = Catalog(Terms(1, NewYear), Privacy(1, NewYear));

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [Accepted(PolicyKind.Terms, 1), Accepted(PolicyKind.Privacy, 1)], NewYearInJapan.AddDays(100)));
    }

    [Fact]
    public void A_new_version_asks_again_from_the_start_of_its_day_in_Japan_and_only_for_that_document()
    {
        var april = new DateOnly(2027, 4, 1);
        var catalog = Catalog(Terms(1, NewYear), Privacy(1, NewYear), Privacy(2, april));
        var accepted = new[] { Accepted(PolicyKind.Terms, 1), Accepted(PolicyKind.Privacy, 1) };
        var aprilInJapan = new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero);

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, accepted, aprilInJapan.AddSeconds(-1)));
        Assert.Equal([Privacy(2, april)], PolicyAcceptanceRule.Pending(catalog, accepted, aprilInJapan));
        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [.. accepted, Accepted(PolicyKind.Privacy, 2)], aprilInJapan));
    }

    [Fact]
    public void A_correction_that_does_not_ask_again_leaves_earlier_acceptances_standing_but_a_newcomer_accepts_it()
    {
        var catalog = Catalog(Terms(1, NewYear), Terms(2, new DateOnly(2027, 2, 1), asksAgain: false), Privacy(1, NewYear));
        var now = NewYearInJapan.AddDays(60);

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [Accepted(PolicyKind.Terms, 1), Accepted(PolicyKind.Privacy, 1)], now));
        // Someone who never accepted anything is asked for the version in force, not for the older one that set the bar.
        Assert.Equal([Terms(2, new DateOnly(2027, 2, 1), asksAgain: false), Privacy(1, NewYear)], PolicyAcceptanceRule.Pending(catalog, [], now));
    }

    [Fact]
    public void After_a_correction_the_next_version_that_asks_again_asks_for_itself()
    {
        var catalog = Catalog(Terms(1, NewYear), Terms(2, new DateOnly(2027, 2, 1), asksAgain: false), Terms(3, new DateOnly(2027, 3, 1)));
        var now = NewYearInJapan.AddDays(90);

        Assert.Equal([Terms(3, new DateOnly(2027, 3, 1))], PolicyAcceptanceRule.Pending(catalog, [Accepted(PolicyKind.Terms, 2)], now));
        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [Accepted(PolicyKind.Terms, 3)], now));
    }

    [Fact]
    public void A_version_published_for_a_later_day_is_not_asked_for_yet()
    {
        var catalog = Catalog(Terms(1, NewYear), Terms(2, new DateOnly(2027, 6, 1)));

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [Accepted(PolicyKind.Terms, 1)], NewYearInJapan.AddDays(10)));
        Assert.Equal(2, catalog.Upcoming(PolicyKind.Terms, NewYearInJapan.AddDays(10))!.Number);
        Assert.Equal(1, catalog.InForce(PolicyKind.Terms, NewYearInJapan.AddDays(10))!.Number);
    }

    [Fact]
    public void The_accessibility_policy_is_read_never_accepted()
    {
        var catalog = Catalog(new PolicyVersion(PolicyKind.Accessibility, 1, NewYear));

        Assert.Empty(PolicyAcceptanceRule.Pending(catalog, [], NewYearInJapan));
        Assert.Empty(catalog.ToAcceptAt(NewYearInJapan));
    }

    [Fact]
    public void Versions_are_numbered_without_gaps_and_take_effect_in_order()
    {
        Assert.Throws<ArgumentException>(() => Catalog(Terms(1, NewYear), Terms(3, new DateOnly(2027, 2, 1))));
        Assert.Throws<ArgumentException>(() => Catalog(Terms(1, NewYear), Terms(2, NewYear)));
        Assert.Throws<ArgumentException>(() => Catalog(Terms(2, NewYear)));
    }

    [Fact]
    public void The_versions_a_form_showed_travel_as_text_and_back()
    {
        var versions = new[] { Terms(2, NewYear), Privacy(1, NewYear) };
        var text = PolicyAcceptanceService.Describe(versions);

        Assert.Equal("terms=2; privacy=1", text);
        Assert.True(PolicyAcceptanceRule.SameVersions(PolicyAcceptanceService.ParseShown(text), versions));
        Assert.False(PolicyAcceptanceRule.SameVersions(PolicyAcceptanceService.ParseShown("terms=1; privacy=1"), versions));
        Assert.False(PolicyAcceptanceRule.SameVersions(PolicyAcceptanceService.ParseShown("terms=2"), versions));
        Assert.Empty(PolicyAcceptanceService.ParseShown("cookies=1; terms=-1; privacy=x"));
    }
}

/// <summary>The service over the rule: what it records, with a fake clock and an in-memory store.</summary>
public sealed class PolicyAcceptanceServiceTests
{
    private static readonly DateOnly NewYear = new(2027, 1, 1);
    private static readonly DateOnly April = new(2027, 4, 1);
    private static readonly PolicyCatalog Catalog = new([
        new PolicyVersion(PolicyKind.Terms, 1, NewYear), new PolicyVersion(PolicyKind.Terms, 2, April), new PolicyVersion(PolicyKind.Privacy, 1, NewYear)]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 31, 14, 0, 0, TimeSpan.Zero)); // 23:00 on 31 March in Japan
    private readonly MemoryAcceptances _store = new();
    private readonly MemoryAuditLog _audit = new();
    private readonly PolicyAcceptanceService _service;

    public PolicyAcceptanceServiceTests() => _service = new PolicyAcceptanceService(Catalog, _store, new AuditTrail(_audit, _time), _time);

    private static readonly Actor Resident = new(7, "hanako@example.jp", "Resident", "192.0.2.1");

    [Fact]
    public async Task Accepting_what_was_shown_records_it_once_with_the_time_and_an_audit_record()
    {
        Assert.Equal(2, (await _service.PendingAsync(7, Ct)).Count);

        var remaining = await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=1; privacy=1"), Ct);
        var again = await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=1; privacy=1"), Ct);

        Assert.Empty(remaining);
        Assert.Empty(again);
        Assert.Equal([(PolicyKind.Terms, 1), (PolicyKind.Privacy, 1)], _store.Rows.Select(r => (r.Kind, r.Version)));
        Assert.All(_store.Rows, r => Assert.Equal(_time.GetUtcNow(), r.AcceptedUtc));
        var record = Assert.Single(_audit.Entries);
        Assert.Equal((PolicyAcceptanceService.AuditAction, "7", "terms=1; privacy=1"), (record.Action, record.EntityId, record.Detail));
    }

    [Fact]
    public async Task A_version_that_took_effect_while_the_page_was_open_is_shown_instead_of_recording_the_old_one()
    {
        await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=1; privacy=1"), Ct);
        _time.Advance(TimeSpan.FromHours(1)); // midnight: 1 April in Japan, terms version 2 in force

        var remaining = await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=1"), Ct);

        Assert.Equal([new PolicyVersion(PolicyKind.Terms, 2, April)], remaining);
        Assert.Equal(2, _store.Rows.Count);
        Assert.Empty(await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=2"), Ct));
        Assert.Contains(_store.Rows, r => r is { Kind: PolicyKind.Terms, Version: 2 });
        Assert.Empty(await _service.PendingAsync(7, Ct));
    }

    [Fact]
    public async Task Another_residents_acceptance_does_not_count()
    {
        await _service.AcceptAsync(Resident, 7, PolicyAcceptanceService.ParseShown("terms=1; privacy=1"), Ct);

        Assert.Equal(2, (await _service.PendingAsync(8, Ct)).Count);
    }

    [Fact]
    public async Task The_accessibility_policy_cannot_be_recorded_as_accepted()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _service.RecordAsync(Resident, 7, [new PolicyVersion(PolicyKind.Accessibility, 1, NewYear)], Ct));
    }

    private sealed class MemoryAcceptances : IPolicyAcceptanceStore
    {
        public List<(long AccountId, PolicyKind Kind, int Version, DateTimeOffset AcceptedUtc)> All { get; } = [];

        public IReadOnlyList<PolicyAcceptance> Rows => [.. All.Select(r => new PolicyAcceptance(r.Kind, r.Version, r.AcceptedUtc))];

        public Task<IReadOnlyList<PolicyAcceptance>> ListAsync(long accountId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<PolicyAcceptance>>([.. All.Where(r => r.AccountId == accountId).Select(r => new PolicyAcceptance(r.Kind, r.Version, r.AcceptedUtc))]);

        public Task<int> RecordAsync(long accountId, IReadOnlyCollection<PolicyVersion> versions, DateTimeOffset acceptedUtc, CancellationToken ct)
        {
            var added = 0;
            foreach (var v in versions.Where(v => !All.Any(r => r.AccountId == accountId && r.Kind == v.Kind && r.Version == v.Number)))
            {
                All.Add((accountId, v.Kind, v.Number, acceptedUtc));
                added++;
            }
            return Task.FromResult(added);
        }
    }

    private sealed class MemoryAuditLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public Task AppendAsync(AuditEntry entry, CancellationToken ct)
        {
            Entries.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken ct) => Task.FromResult<IReadOnlyList<AuditEntry>>(Entries);

        public Task<int> CountAsync(AuditQuery query, CancellationToken ct) => Task.FromResult(Entries.Count);
    }
}
