using System.Globalization;
using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Web.Languages;
using Portal.Web.Reports;

namespace Portal.Tests.Reports;

/// <summary>The category's questions in the report form (and the staff form): a field for each, answers into the draft.</summary>
public sealed class CategoryQuestionFieldsTests : BunitContext
{
    private static readonly ReportCategory StreetLight = new("road-street-light", ReportField.Road, LocalizedText.Of("街灯", "Street light"), 7, 20, true)
    {
        Questions =
        [
            new("pole-number", QuestionKind.Text, LocalizedText.Of("電柱の番号", "Pole number"), false, []),
            new("light-state", QuestionKind.Choice, LocalizedText.Of("状態", "State"), true,
                [new QuestionOption("off", LocalizedText.Of("消えている", "Off")), new QuestionOption("flickering", LocalizedText.Of("点滅", "Flickering"))]),
        ],
    };

    public CategoryQuestionFieldsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task Each_question_has_its_field_optional_ones_say_so_and_answers_go_into_the_draft_through_the_form_s_change()
    {
        var answers = new Dictionary<string, string?>();
        var changes = 0;
        var fields = Render<CategoryQuestionFields>(p => p
            .Add(x => x.Category, StreetLight)
            .Add(x => x.Answers, answers)
            .Add(x => x.Errors, new Dictionary<string, string> { ["Answers[light-state]"] = "この質問に答えてください。" })
            .Add(x => x.Changed, change => { change(); changes++; return Task.CompletedTask; }));

        var text = fields.FindComponent<MudTextField<string>>();
        var choice = fields.FindComponent<MudSelect<string>>();
        Assert.Equal(("電柱の番号（任意）", false), (text.Instance.Label, text.Instance.Required));
        Assert.Equal(("状態", true), (choice.Instance.Label, choice.Instance.Required));
        Assert.Contains("この質問に答えてください。", choice.Markup);
        Assert.Equal(["off", "flickering"], choice.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value));

        await fields.InvokeAsync(() => text.Instance.ValueChanged.InvokeAsync("12-3"));
        await fields.InvokeAsync(() => choice.Instance.ValueChanged.InvokeAsync("off"));

        Assert.Equal(new Dictionary<string, string?> { ["pole-number"] = "12-3", ["light-state"] = "off" }, answers);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void A_category_without_questions_or_none_chosen_shows_nothing()
    {
        var none = Render<CategoryQuestionFields>(p => p.Add(x => x.Category, null).Add(x => x.Answers, []).Add(x => x.Changed, _ => Task.CompletedTask));
        var plain = Render<CategoryQuestionFields>(p => p.Add(x => x.Category, StreetLight with { Questions = [] }).Add(x => x.Answers, [])
            .Add(x => x.Changed, _ => Task.CompletedTask));

        Assert.Empty(none.FindAll("[data-testid='report-questions']"));
        Assert.Empty(plain.FindAll("[data-testid='report-questions']"));
    }
}
