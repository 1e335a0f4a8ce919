using System.Globalization;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Tests.Languages;

/// <summary>
/// The shared pieces of every city-text admin editor: the fields side by side with their rule's messages, and the
/// chips that count what each language lacks and filter a list to it.
/// </summary>
public sealed class CityTextComponentsTests : BunitContext
{
    public CityTextComponentsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(OfferedLanguages.Standard);
    }

    private sealed record Form(Dictionary<string, string?> Name);

    private sealed class FormValidator : AbstractValidator<Form>
    {
        public FormValidator() => RuleFor(f => f.Name).CityText(10, "Categories_Validation_NameJaRequired", "Categories_Validation_NameTooLong");
    }

    [Fact]
    public void The_editor_has_one_field_per_language_Japanese_first_and_shows_each_failure_under_its_own_field()
    {
        var last = OfferedLanguages.Standard.All[^1];
        var fields = new Dictionary<string, string?> { ["ja"] = " ", [last] = new string('x', 11) };
        var failures = new FormValidator().Validate(new Form(fields)).Errors;

        var editor = Render<CityTextEditor>(p => p.Add(e => e.Texts, fields).Add(e => e.Label, new MarkupString("名称")).Add(e => e.Id, "name")
            .Add(e => e.Failures, failures));

        Assert.Equal(OfferedLanguages.Standard.All, editor.FindAll("input").Select(i => i.Id!["name-".Length..]));
        Assert.Equal(Language.Japanese, OfferedLanguages.Standard.All[0]);
        Assert.Contains("日本語の名前", editor.Find("#name-ja-error").TextContent);
        Assert.Contains("100文字以内", editor.Find($"#name-{last}-error").TextContent);
        Assert.Equal("true", editor.Find($"#name-{last}").GetAttribute("aria-invalid"));
        Assert.Equal(2, editor.FindAll(".city-text-error").Count);

        editor.Find($"#name-{last}").Change("Chuo");
        Assert.Equal("Chuo", fields[last]);
    }

    [Fact]
    public void The_editor_cleans_what_is_typed_of_control_characters_and_keeps_lines_only_where_the_text_has_them()
    {
        var name = new Dictionary<string, string?>();
        var description = new Dictionary<string, string?>();
        var one = Render<CityTextEditor>(p => p.Add(e => e.Texts, name).Add(e => e.Label, new MarkupString("名称")).Add(e => e.Id, "name"));
        var lines = Render<CityTextEditor>(p => p.Add(e => e.Texts, description).Add(e => e.Label, new MarkupString("説明")).Add(e => e.Id, "description")
            .Add(e => e.Rows, 3));

        one.Find("#name-ja").Change("中央\u0001区役所\n");
        lines.Find("#description-ja").Change("一行目\u0085\n二行目");

        Assert.Equal("中央区役所", name["ja"]);
        Assert.Equal("一行目\n二行目", description["ja"]);
    }

    [Fact]
    public void The_editor_marks_each_language_not_written_yet_and_gives_each_field_its_html_lang()
    {
        var editor = Render<CityTextEditor>(p => p.Add(e => e.Texts, CityTextFields.From(LocalizedText.Of("中央区役所")))
            .Add(e => e.Label, new MarkupString("名称")).Add(e => e.Id, "name"));

        Assert.Equal("中央区役所", editor.Find("#name-ja").GetAttribute("value"));
        Assert.DoesNotContain("未入力", editor.Find("label[for=name-ja]").TextContent);
        foreach (var language in OfferedLanguages.Standard.All.Where(l => l != Language.Japanese))
        {
            Assert.Contains("未入力", editor.Find($"label[for=name-{language}]").TextContent);
            // Easy Japanese is Japanese to the browser.
            Assert.Equal(Language.IsJapanese(language) ? "ja" : language, editor.Find($"#name-{language}").GetAttribute("lang"));
        }
    }

    [Fact]
    public void A_readers_length_counts_what_they_see_so_easy_Japanese_readings_do_not_count()
    {
        var fields = new Dictionary<string, string?> { ["ja"] = "中央区役所", ["ja-Easy"] = "中央区役所《ちゅうおうくやくしょ》" };
        Assert.True(new FormValidator().Validate(new Form(fields)).IsValid);
        Assert.Equal(LocalizedText.From(fields), CityTextFields.ToText(fields));
    }

    [Fact]
    public void The_chips_count_the_texts_each_language_lacks_and_choose_a_filter()
    {
        var texts = new[]
        {
            LocalizedText.Of("中央区役所", "Chuo Ward Office"),
            LocalizedText.Of("3番窓口"),
            LocalizedText.From(OfferedLanguages.Standard.All.ToDictionary(l => l, string? (l) => "名前 " + l)),
        };
        string? chosen = null;
        var chips = Render<MissingTextChips>(p => p.Add(c => c.Texts, texts).Add(c => c.FilterChanged, (string? l) => chosen = l));

        Assert.Empty(chips.FindAll("[data-testid=missing-ja]"));
        foreach (var language in OfferedLanguages.Standard.All.Where(l => l != Language.Japanese))
            Assert.Equal(texts.Count(t => !t.Has(language)).ToString(CultureInfo.InvariantCulture),
                chips.Find($"[data-testid=missing-{language}]").GetAttribute("data-missing"));

        var last = OfferedLanguages.Standard.All[^1];
        chips.Find($"[data-testid=missing-{last}]").Click();
        Assert.Equal(last, chosen);
        Assert.Equal(texts.Where(t => !t.Has(last)), MissingTextChips.Apply(texts, t => t, last));
        Assert.Contains(texts[1], MissingTextChips.Apply(texts, t => t, last));
        Assert.Equal(texts, MissingTextChips.Apply(texts, t => t, null));
    }
}
