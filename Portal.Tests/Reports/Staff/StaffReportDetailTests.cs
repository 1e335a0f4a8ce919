using Bunit;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Web.Reports.Staff;

namespace Portal.Tests.Reports.Staff;

public sealed class StaffReportDetailTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    private async Task<UserAccount> SignInAsync()
    {
        var account = await _world.StaffAsync("千葉 花子");
        _world.Prepare(this, account);
        _dialogs = Render<MudDialogProvider>();
        return account;
    }

    private IRenderedComponent<StaffReportDetail> Open(long id)
    {
        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#report-status")));
        return page;
    }

    private static IEnumerable<ReportStatus> OfferedMoves(IRenderedComponent<StaffReportDetail> page) =>
        page.FindAll(".move-button").Select(b => Enum.Parse<ReportStatus>(b.GetAttribute("data-status")!));

    [Fact]
    public async Task Opening_a_report_records_the_view_and_shows_the_reporter_only_here_with_a_map_link()
    {
        var me = await SignInAsync();
        var report = await _world.ReportAsync(reporterName: "市民 太郎", email: "taro@example.jp", at: new GeoPoint(35.6083, 140.1233));

        var page = Open(report.Id);

        var viewed = Assert.Single(await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.Viewed), Ct));
        Assert.Equal((me.Id, report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (viewed.ActorId, viewed.EntityId));
        Assert.Contains("市民 太郎", page.Find("#report-reporter").TextContent);
        Assert.Contains("taro@example.jp", page.Find("#report-reporter").TextContent);
        Assert.Equal("https://www.openstreetmap.org/?mlat=35.6083&mlon=140.1233#map=18/35.6083/140.1233", page.Find("#report-map-link").GetAttribute("href"));
    }

    [Fact]
    public async Task The_answers_to_the_category_s_questions_show_with_their_prompts_and_a_choice_by_its_label_and_the_place_in_words()
    {
        await SignInAsync();
        await _world.Categories.SaveQuestionsAsync("road-street-light",
        [
            new CategoryQuestion("pole-number", QuestionKind.Text, Portal.Core.Languages.LocalizedText.Of("電柱の番号"), false, []),
            new CategoryQuestion("light-state", QuestionKind.Choice, Portal.Core.Languages.LocalizedText.Of("状態"), true,
                [new QuestionOption("off", Portal.Core.Languages.LocalizedText.Of("消えている"))]),
        ], Ct);
        var report = Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, "road-street-light", "街灯", StaffTestWorld.Chiba, "chuo", "web",
            StaffTestWorld.Now, [new ReportAnswer("pole-number", "千葉 12-3"), new ReportAnswer("light-state", "off")]);
        var stored = await _world.Reports.SubmitAsync(report, [], Ct);

        var page = Open(stored.Id);

        Assert.Equal("千葉 12-3", page.Find("[data-testid='report-answer-pole-number']").TextContent);
        Assert.Equal("消えている", page.Find("[data-testid='report-answer-light-state']").TextContent);
        Assert.Equal("電柱の番号", page.Find("[data-testid='report-answer-pole-number']").PreviousElementSibling!.TextContent);
        Assert.Equal("中央区役所 · 千葉テスト公園の近く", page.Find("[data-testid='report-place']").TextContent.Trim());
    }

    [Theory]
    [InlineData(ReportStatus.Received)]
    [InlineData(ReportStatus.Accepted)]
    [InlineData(ReportStatus.Fixed)]
    [InlineData(ReportStatus.Hidden)]
    public async Task The_moves_offered_are_the_moves_the_workflow_allows(ReportStatus status)
    {
        var me = await SignInAsync();
        var report = await _world.ReportAsync();
        var original = await _world.ReportAsync();
        if (status != ReportStatus.Received)
            Assert.True((await _world.Service.MoveAsync(StaffTestWorld.ActorOf(me), report.Id, ReportStatus.Accepted, null, null, null, Ct)).Succeeded);
        if (status is not (ReportStatus.Received or ReportStatus.Accepted))
            Assert.True((await _world.Service.MoveAsync(StaffTestWorld.ActorOf(me), report.Id, status, null, null, original.Id, Ct)).Succeeded);

        var page = Open(report.Id);

        // Referring names the outside body, so it is the routing panel's button, offered where the workflow allows the move.
        Assert.Equal(ReportWorkflow.StaffMovesFrom(status).Where(s => s != ReportStatus.Referred), OfferedMoves(page));
        Assert.Equal(ReportWorkflow.CanStaffMove(status, ReportStatus.Referred), page.FindAll("#refer-open").Count == 1);
    }

    [Fact]
    public async Task Moving_offers_the_localized_template_and_sends_the_edited_response_through_the_service()
    {
        var me = await SignInAsync();
        var report = await _world.ReportAsync();
        var page = Open(report.Id);

        page.Find($".move-button[data-status={ReportStatus.Accepted}]").Click();
        var response = _dialogs.WaitForElement("#move-public-response");
        Assert.Equal("ご連絡ありがとうございます。担当課で受け付けました。現地を確認のうえ対応を検討します。", response.GetAttribute("value") ?? response.TextContent);
        response.Input("受け付けました。来週現地を確認します。");
        _dialogs.Find("#move-internal-note").Input("道路維持課へ回付");
        _dialogs.Find("#move-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("受理", page.Find("#report-status").TextContent.Trim()));
        var stored = (await _world.Reports.GetAsync(report.Id, Ct))!;
        Assert.Equal(ReportStatus.Accepted, stored.Status);
        var last = (await _world.Reports.HistoryAsync(report.Id, Ct))[^1];
        Assert.Equal(("受け付けました。来週現地を確認します。", "道路維持課へ回付", me.Id), (last.PublicResponse, last.InternalNote, last.ActorId!.Value));
        Assert.Single(await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.StatusChanged), Ct));
        Assert.Equal(ReportWorkflow.StaffMovesFrom(ReportStatus.Accepted).Where(s => s != ReportStatus.Referred), OfferedMoves(page));
    }

    [Fact]
    public async Task A_duplicate_is_marked_against_a_nearby_candidate_shown_with_its_distance()
    {
        await SignInAsync();
        var original = await _world.ReportAsync(daysAgo: 5, at: new GeoPoint(35.6090, 140.1233));
        var report = await _world.ReportAsync(daysAgo: 1, at: new GeoPoint(35.6083, 140.1233));
        await _world.ReportAsync(category: "park-bench", at: new GeoPoint(35.6083, 140.1233));
        var page = Open(report.Id);

        var panel = page.Find(".duplicate-candidates");
        Assert.Single(panel.QuerySelectorAll("li"));
        Assert.Contains("78 m", panel.TextContent);
        Assert.Equal($"/staff/reports/{original.Id}", panel.QuerySelector("a")!.GetAttribute("href"));

        page.Find($".move-button[data-status={ReportStatus.Duplicate}]").Click();
        _dialogs.WaitForElement("#move-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("重複", page.Find("#report-status").TextContent.Trim()));
        Assert.Equal(original.Id, (await _world.Reports.GetAsync(report.Id, Ct))!.DuplicateOfId);
    }

    [Fact]
    public async Task The_history_marks_internal_notes_as_internal_and_public_responses_as_public()
    {
        var me = await SignInAsync();
        var report = await _world.ReportAsync();
        await _world.Service.MoveAsync(StaffTestWorld.ActorOf(me), report.Id, ReportStatus.InProgress, "対応を始めました", null, null, Ct);
        await _world.Service.AddNoteAsync(StaffTestWorld.ActorOf(me), report.Id, "業者に見積依頼済み", Ct);

        var page = Open(report.Id);

        var internalNote = Assert.Single(page.FindAll(".report-history-internal"));
        Assert.Contains("内部", internalNote.TextContent);
        Assert.Contains("業者に見積依頼済み", internalNote.TextContent);
        var publicResponse = Assert.Single(page.FindAll(".report-history-public"));
        Assert.Contains("公開", publicResponse.TextContent);
        Assert.Contains("対応を始めました", publicResponse.TextContent);
        Assert.DoesNotContain("業者に見積依頼済み", publicResponse.TextContent);
    }

    [Fact]
    public async Task An_assignment_in_the_history_names_the_colleague_assigned_from_its_own_column()
    {
        var me = await SignInAsync();
        var colleague = await _world.StaffAsync("佐倉 次郎");
        var report = await _world.ReportAsync();
        await _world.Service.AssignAsync(StaffTestWorld.ActorOf(me), report.Id, colleague.Id, Ct);

        var page = Open(report.Id);

        Assert.Equal("佐倉 次郎", page.Find("[data-testid=history-assignee]").TextContent.Trim());
        var line = Assert.Single(await _world.Reports.HistoryAsync(report.Id, Ct), u => u.Kind == ReportUpdateKind.Assignment);
        Assert.Equal((colleague.Id, null), (line.AssigneeId, line.InternalNote));
    }

    [Fact]
    public async Task Notes_ward_corrections_and_moderation_go_through_the_service()
    {
        await SignInAsync();
        var report = await _world.ReportAsync(description: "山田さんの家の前に穴");
        var page = Open(report.Id);

        page.Find("#note-text").Input("現地確認予定");
        page.Find("#note-add").Click();
        page.WaitForAssertion(() => Assert.Contains("現地確認予定", page.Find(".report-history").TextContent));

        page.Find("#moderate-text").Input("家の前に穴");
        page.Find("#moderate-reason").Input("個人名を削除");
        page.Find("#moderate-save").Click();
        page.WaitForAssertion(() => Assert.Equal("家の前に穴", page.Find("#report-description").TextContent.Trim()));

        var ward = page.FindComponents<MudSelect<string>>().Single();
        await page.InvokeAsync(() => ward.Instance.ValueChanged.InvokeAsync("mihama"));
        page.Find("#ward-correct").Click();
        page.WaitForAssertion(() => Assert.Equal("mihama", _world.Reports.GetAsync(report.Id, Ct).Result!.WardId));

        // The report went with its ward: a Chuo note now is refused with the localized reason, and the page lets it go.
        page.Find("#note-text").Input("まだ中央で見ています");
        page.Find("#note-add").Click();
        page.WaitForAssertion(() => Assert.Contains("ほかの区役所の担当です", Snackbars()));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#report-refused")));

        var actions = (await _world.Audit.SearchAsync(new AuditQuery(EntityType: ReportAuditActions.Entity), Ct)).Select(a => a.Action).ToList();
        Assert.Contains(ReportAuditActions.NoteAdded, actions);
        Assert.Contains(ReportAuditActions.WardCorrected, actions);
        Assert.Contains(ReportAuditActions.Moderated, actions);
    }

    [Fact]
    public async Task A_refused_move_shows_the_localized_message()
    {
        var me = await SignInAsync();
        var report = await _world.ReportAsync();
        var page = Open(report.Id);
        // Someone else closes the report while this page is open: the move offered here is no longer allowed.
        await _world.Service.MoveAsync(StaffTestWorld.ActorOf(me), report.Id, ReportStatus.Fixed, null, null, null, Ct);

        page.Find($".move-button[data-status={ReportStatus.ActionScheduled}]").Click();
        _dialogs.WaitForElement("#move-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("この状況からはその操作はできません。", Snackbars()));
        Assert.Equal(ReportStatus.Fixed, (await _world.Reports.GetAsync(report.Id, Ct))!.Status);
    }

    private string Snackbars() => string.Join(" ", ((ISnackbar)Services.GetService(typeof(ISnackbar))!).ShownSnackbars.Select(x => x.Message));
}
