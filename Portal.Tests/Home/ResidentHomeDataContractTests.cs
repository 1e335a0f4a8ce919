using Dapper;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Reports;
using Portal.Core.Time;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Home;

/// <summary>
/// The reads behind a resident's home, through the real database on every provider: each in one query, each about
/// the signed-in resident alone (another resident's data sits beside theirs in every case and never shows).
/// </summary>
public sealed class ResidentHomeDataContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Points_count_what_the_resident_can_spend_and_what_lapses_within_the_reminder_period(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var (hanako, other, newcomer) = ((await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id);
        await world.EarnAsync(hanako, 300, lastDayInDays: 10);
        await world.EarnAsync(hanako, 200, lastDayInDays: 10);
        await world.EarnAsync(hanako, 400, lastDayInDays: 29);
        await world.EarnAsync(hanako, 500, lastDayInDays: 45);   // beyond the 30 days
        await world.EarnAsync(hanako, 1_000);                    // the default: end of the next fiscal year
        await world.EarnAsync(hanako, 700, lastDayInDays: -1);   // lapsed yesterday, not swept yet: not spendable
        await world.EarnAsync(other, 9_000, lastDayInDays: 3);

        var points = await world.Home.PointsAsync(hanako, Ct);

        Assert.Equal((2_400L, 900L, JapanTime.Today(world.Time).AddDays(10), 30), (points.Spendable, points.ExpiringSoon, points.FirstExpiryDay, points.HorizonDays));
        Assert.Equal(new Portal.Core.Home.PointsGlance(0, 0, null, 30), await world.Home.PointsAsync(newcomer, Ct));
        // Reading never opens a wallet.
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointAccount WHERE OwnerAccountId = @newcomer", new { newcomer }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Open_reports_count_the_reporter_s_own_open_ones_and_list_the_latest_changed_first(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var (hanako, other) = ((await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id);
        var received = await world.ReportAsync(hanako, minutesAgo: 50);
        var accepted = await world.ReportAsync(hanako, "park-bench", ReportStatus.Accepted, minutesAgo: 40);
        var scheduled = await world.ReportAsync(hanako, "other-graffiti", ReportStatus.ActionScheduled, minutesAgo: 30);
        var oldest = await world.ReportAsync(hanako, "road-street-light", ReportStatus.InProgress, minutesAgo: 500);
        await world.ReportAsync(hanako, status: ReportStatus.Fixed, minutesAgo: 5);
        await world.ReportAsync(hanako, status: ReportStatus.NoFurtherAction, minutesAgo: 4);
        await world.ReportAsync(other, minutesAgo: 1);
        await world.ReportAsync(null, minutesAgo: 2);

        var open = await world.Home.OpenReportsAsync(hanako, Ct);

        Assert.Equal(4, open.Count);
        Assert.Equal([scheduled.Id, accepted.Id, received.Id], open.Latest.Select(r => r.Id));
        var bench = open.Latest[1];
        Assert.Equal(("park-bench", "ベンチ・設備の破損", "Broken bench or fixture", "Ghế băng hoặc thiết bị bị hỏng", ReportStatus.Accepted, PublicStatus.InProgress),
            (bench.CategoryCode, bench.Category.Japanese, bench.Category.Exact("en"), bench.Category.Exact("vi"), bench.Status, bench.PublicStatus));
        Assert.DoesNotContain(open.Latest, r => r.Id == oldest.Id);
        var none = await world.Home.OpenReportsAsync((await world.ResidentAsync()).Id, Ct);
        Assert.Equal(0, none.Count);
        Assert.Empty(none.Latest);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_resident_s_ticket_of_today_comes_with_its_page_while_the_database_keeps_only_a_sealed_token(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var (hanako, other) = ((await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id);
        await world.IssueAsync();
        var (ticket, token) = await world.TicketOfAsync(hanako);
        // Someone else's ticket, and one followed by e-mail without an account: neither is Hanako's.
        await world.TicketOfAsync(other);
        var byMail = await world.IssueAsync();
        Assert.True(await world.Tickets.SubscribeAsync(byMail.Token, TicketNoticeKind.Called, new NoticeRecipient.Address(NoticeChannel.Email, "x@example.jp", "ja"), Ct));

        var mine = await world.Home.TicketAsync(hanako, Ct);

        Assert.NotNull(mine);
        Assert.Equal((ticket.Id, TicketState.Waiting, 1, $"/queue/t/{token}"), (mine.Status.Ticket.Id, mine.Status.Ticket.State, mine.Status.PeopleAhead, mine.PagePath));
        Assert.Equal(("中央区役所", "Chuo Ward Office", "주오구청"), (mine.Office.Japanese, mine.Office.Exact("en"), mine.Office.Exact("ko")));
        Assert.Null(await world.Home.TicketAsync((await world.ResidentAsync()).Id, Ct));
        await using var connection = await world.Db.OpenAsync(Ct);
        var stored = await connection.QuerySingleAsync<string>("SELECT SealedToken FROM QueueNoticeSubscription WHERE TicketId = @Id", new { ticket.Id });
        Assert.DoesNotContain(token, stored);
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT SealedToken FROM QueueNoticeSubscription WHERE TicketId = @Id", new { byMail.Ticket.Id }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_ticket_leaves_the_home_once_served_and_a_second_ask_for_the_same_ticket_keeps_one(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var hanako = (await world.ResidentAsync()).Id;
        var (ticket, token) = await world.TicketOfAsync(hanako);
        Assert.True(await world.Tickets.SubscribeAsync(token, TicketNoticeKind.Called, new NoticeRecipient.Account(hanako), Ct));
        Assert.Equal(ticket.Id, (await world.Home.TicketAsync(hanako, Ct))!.Status.Ticket.Id);

        var staff = await world.AtCounterAsync();
        await world.Tickets.CallNextAsync(staff, Ct);
        Assert.Equal(TicketState.Called, (await world.Home.TicketAsync(hanako, Ct))!.Status.Ticket.State);
        await world.Tickets.FinishAsync(staff, ticket.Id, Ct);

        Assert.Null(await world.Home.TicketAsync(hanako, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task For_You_shows_new_unmarked_results_only_with_the_consent_and_a_linked_record(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var (hanako, other, consentOnly, stranger) =
            ((await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id, (await world.ResidentAsync()).Id);
        await world.ForYouAsync(hanako, consent: true, linked: true, daysAgo: 2, "child-allowance", "child-medical");
        await world.Eligibility.SetStatusAsync(hanako, "child-medical", ResidentBenefitStatus.Applied, Ct);
        await world.Eligibility.ApplyAsync([new EligibilityChange(hanako, "single-parent-medical", 1, true)], [], Ct);
        await using (var connection = await world.Db.OpenAsync(Ct))
            await connection.ExecuteAsync("UPDATE EligibilityResult SET FirstSeenUtc = @old WHERE AccountId = @hanako AND BenefitCode = 'single-parent-medical'",
                new { old = world.Time.GetUtcNow().AddDays(-31), hanako });
        await world.ForYouAsync(other, consent: true, linked: true, daysAgo: 1, "child-medical");
        await world.ForYouAsync(consentOnly, consent: true, linked: false);

        var mine = await world.Home.ForYouAsync(hanako, Ct);

        Assert.True(mine.Ready);
        var found = Assert.Single(mine.NewBenefits);
        Assert.Equal(("child-allowance", "児童手当", "Child allowance"), (found.Code, found.Name.Japanese, found.Name.Exact("en")));
        Assert.Equal((true, false, 0), await Standing(consentOnly));
        Assert.Equal((false, false, 0), await Standing(stranger));

        async Task<(bool, bool, int)> Standing(long account)
        {
            var glance = await world.Home.ForYouAsync(account, Ct);
            return (glance.RegisterConsent, glance.Linked, glance.NewBenefits.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Results_left_after_the_consent_was_withdrawn_never_show(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await HomeWorld.CreateAsync(provider);
        var hanako = (await world.ResidentAsync()).Id;
        await world.ForYouAsync(hanako, consent: true, linked: true, daysAgo: 1, "child-allowance");
        // Revoking deletes the results; a row written by a run that raced the revocation must still not show.
        await using (var connection = await world.Db.OpenAsync(Ct))
            await connection.ExecuteAsync("UPDATE ForYouConsent SET RevokedUtc = @now WHERE AccountId = @hanako", new { now = world.Time.GetUtcNow(), hanako });

        var glance = await world.Home.ForYouAsync(hanako, Ct);

        Assert.Equal((false, true), (glance.RegisterConsent, glance.Linked));
        Assert.Empty(glance.NewBenefits);
    }
}
