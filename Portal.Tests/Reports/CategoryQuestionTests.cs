using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Audit;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>
/// Category questions (issue 17, item 6): what administrators may set, how answers are checked and made plain, and the
/// report service refusing a report without a required answer and keeping the answers with the report it stores.
/// </summary>
public sealed class CategoryQuestionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private static readonly CategoryQuestion Pole = new("pole-number", QuestionKind.Text, LocalizedText.Of("電柱の番号", "Pole number"), false, []);
    private static readonly CategoryQuestion Height = new("height", QuestionKind.Number, LocalizedText.Of("高さ（m）"), false, []);
    private static readonly CategoryQuestion State = new("light-state", QuestionKind.Choice, LocalizedText.Of("状態"), true,
        [new QuestionOption("off", LocalizedText.Of("消えている", "Off")), new QuestionOption("flickering", LocalizedText.Of("点滅"))]);
    private static readonly CategoryQuestion[] Questions = [Pole, Height, State];

    [Fact]
    public void Answers_are_made_plain_in_the_questions_order_and_blank_optional_ones_and_strangers_are_left_out()
    {
        var (answers, failures) = ReportAnswers.Check(Questions, new Dictionary<string, string?>
        {
            ["light-state"] = " off ", ["height"] = "１，２００．５", ["pole-number"] = "  ", ["not-asked"] = "x",
        });

        Assert.Empty(failures);
        Assert.Equal([new ReportAnswer("height", "1200.5"), new ReportAnswer("light-state", "off")], answers);
    }

    [Theory]
    [InlineData("light-state", null, QuestionKeys.Required)]
    [InlineData("light-state", "blinking", QuestionKeys.NotAnOption)]
    [InlineData("height", "高い", QuestionKeys.NotANumber)]
    [InlineData("height", "1e5", QuestionKeys.NotANumber)]
    [InlineData("pole-number", "A\u0001B", Portal.Core.Text.SubmittedText.ValidationKey)]
    public void A_wrong_answer_is_refused_under_its_own_question(string code, string? value, string key)
    {
        var given = new Dictionary<string, string?> { ["light-state"] = "off", [code] = value };

        var (_, failures) = ReportAnswers.Check(Questions, given);

        var failure = Assert.Single(failures);
        Assert.Equal(($"Answers[{code}]", key), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public void A_text_answer_may_hold_200_characters_not_201()
    {
        Assert.Empty(ReportAnswers.Check([Pole], new Dictionary<string, string?> { ["pole-number"] = new string('A', 200) }).Failures);
        Assert.Equal(QuestionKeys.TooLong,
            Assert.Single(ReportAnswers.Check([Pole], new Dictionary<string, string?> { ["pole-number"] = new string('A', 201) }).Failures).ErrorMessage);
    }

    [Fact]
    public void Questions_and_answers_keep_every_language_and_value_through_their_stored_form()
    {
        var stored = ReportAnswers.QuestionsToJson(Questions);
        var back = ReportAnswers.QuestionsFromJson(stored);

        Assert.Equal(Questions.Select(q => (q.Code, q.Kind, q.Prompt, q.Required)), back.Select(q => (q.Code, q.Kind, q.Prompt, q.Required)));
        Assert.Equal("Off", back[2].Option("off")!.Label.For(Language.English));
        Assert.Contains("消えている", stored);
        Assert.Null(ReportAnswers.QuestionsToJson([]));
        Assert.Empty(ReportAnswers.QuestionsFromJson(null));
        var answers = new[] { new ReportAnswer("pole-number", "千葉 12-3") };
        Assert.Equal(answers, ReportAnswers.FromJson(ReportAnswers.ToJson(answers)));
    }

    [Fact]
    public void Administrators_set_plain_unique_codes_a_Japanese_prompt_and_options_for_a_choice()
    {
        static QuestionInput Input(string code, QuestionKind kind = QuestionKind.Text, params string[] options) => new()
        {
            Code = code, Kind = kind, Prompt = CityTextFields.From(LocalizedText.Of("質問")),
            Options = options.Select(k => new OptionInput { Key = k, Label = CityTextFields.From(LocalizedText.Of("答え")) }).ToList(),
        };
        var validator = new CategoryQuestionsValidator();
        string[] Failures(params QuestionInput[] inputs) => [.. validator.Validate(inputs.ToList()).Errors.Select(e => $"{e.PropertyName}:{e.ErrorMessage}")];

        Assert.Empty(Failures(Input("pole-number"), Input("state", QuestionKind.Choice, "off", "on")));
        Assert.Equal(["Questions[0].Code:" + QuestionKeys.CodeFormat], Failures(Input("Pole Number")));
        Assert.Equal(["Questions[1].Code:" + QuestionKeys.CodeTaken], Failures(Input("pole"), Input("pole")));
        Assert.Equal(["Questions[0].Options:" + QuestionKeys.OptionsRequired], Failures(Input("state", QuestionKind.Choice)));
        Assert.Equal(["Questions[0].Options:" + QuestionKeys.OptionKeyTaken], Failures(Input("state", QuestionKind.Choice, "off", "off")));
        Assert.Equal(["Questions[0].Options[0].Key:" + QuestionKeys.OptionKeyFormat], Failures(Input("state", QuestionKind.Choice, "OFF!")));
        var noPrompt = Input("pole");
        noPrompt.Prompt = CityTextFields.From(null);
        Assert.Equal(["Questions[0].Prompt[ja]:" + QuestionKeys.PromptJaRequired], Failures(noPrompt));
        Assert.Contains("Questions:" + QuestionKeys.TooMany, Failures([.. Enumerable.Range(0, 11).Select(i => Input($"q{i}"))]));
        // Options of a question that is not a choice are not kept.
        Assert.Empty(Input("pole", QuestionKind.Text, "x").ToQuestion().Options);
    }

    [Fact]
    public async Task A_report_without_a_required_answer_is_refused_and_one_with_its_answers_keeps_them_and_the_change_is_audited()
    {
        var service = TestReportServices.Create(_db.Database, _time, new NoticeOutbox(_db.Database, ActiveChannels.InAppOnly, _time));
        var admin = UserAccount.Create("admin-q@city.chiba.jp", "管理者", "hash", Role.Admin, null, _time.GetUtcNow());
        var inputs = Questions.Select(QuestionInput.From).ToList();
        Assert.True((await service.SaveQuestionsAsync(Actor.For(admin, null), "road-street-light", inputs, Ct)).Succeeded);
        var resident = UserAccount.Create("resident-q@example.jp", "住民", "hash", Role.Resident, null, _time.GetUtcNow());
        await new Portal.Data.Accounts.UserAccountRepository(_db.Database).CreateAsync(resident, Ct);
        ReportDraft Draft(params (string Code, string Value)[] answers) => new()
        {
            Field = ReportField.Road, CategoryCode = "road-street-light", Description = "街灯が消えています", Latitude = 35.6083, Longitude = 140.1233,
            Answers = answers.ToDictionary(a => a.Code, a => (string?)a.Value),
        };

        var refused = await service.SubmitAsync(Draft(("pole-number", "12-3")), resident, "web", Ct);
        var stored = await service.SubmitAsync(Draft(("pole-number", "12-3"), ("light-state", "flickering")), resident, "web", Ct);

        Assert.Equal(("Answers[light-state]", QuestionKeys.Required), (Assert.Single(refused.Errors).PropertyName, refused.Errors[0].ErrorMessage));
        Assert.True(stored.Succeeded);
        var read = await new ReportRepository(_db.Database).GetAsync(stored.Value!.Id, Ct);
        Assert.Equal([new ReportAnswer("pole-number", "12-3"), new ReportAnswer("light-state", "flickering")], read!.Answers);
        var audit = Assert.Single(await new AuditLogRepository(_db.Database).SearchAsync(new AuditQuery(Action: ReportAuditActions.CategoryQuestionsSaved), Ct));
        Assert.Equal(("road-street-light", "questions=3 pole-number:Text height:Number light-state:Choice:required"), (audit.EntityId, audit.Detail));
    }
}
