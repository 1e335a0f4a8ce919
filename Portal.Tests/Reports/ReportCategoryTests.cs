using Bunit;
using MudBlazor;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Tests.Reports.Staff;
using Portal.Web.Reports.Admin;

namespace Portal.Tests.Reports;

public sealed class ReportCategoryValidatorTests
{
    internal static Dictionary<string, string?> Names(string ja, string? en = null) => CityTextFields.From(LocalizedText.Of(ja, en));

    private static ReportCategoryInput Valid(string code = "road-fallen-tree") =>
        new() { Code = code, Field = ReportField.Road, Name = Names("倒木", "Fallen tree"), ResponseTargetDays = 3, SortOrder = 55, IsActive = true };

    [Theory]
    [InlineData("road-fallen-tree")]
    [InlineData("litter2")]
    [InlineData("a")]
    public void Codes_of_lowercase_letters_digits_and_inner_hyphens_are_accepted(string code) =>
        Assert.True(new ReportCategoryValidator().Validate(Valid(code)).IsValid);

    [Theory]
    [InlineData("", ReportCategoryKeys.CodeRequired)]
    [InlineData("Road-Pothole", ReportCategoryKeys.CodeFormat)]
    [InlineData("road_pothole", ReportCategoryKeys.CodeFormat)]
    [InlineData("road pothole", ReportCategoryKeys.CodeFormat)]
    [InlineData("-road", ReportCategoryKeys.CodeFormat)]
    [InlineData("road-", ReportCategoryKeys.CodeFormat)]
    [InlineData("road--pothole", ReportCategoryKeys.CodeFormat)]
    [InlineData("道路", ReportCategoryKeys.CodeFormat)]
    [InlineData("ｒｏａｄ", ReportCategoryKeys.CodeFormat)]
    public void Other_codes_are_refused_with_one_message(string code, string key) =>
        Assert.Equal(key, Assert.Single(new ReportCategoryValidator().Validate(Valid(code)).Errors).ErrorMessage);

    [Fact]
    public void The_Japanese_name_and_a_sensible_target_are_required_the_other_languages_may_wait()
    {
        var input = Valid();
        input.Name["ja"] = " ";
        input.Name["en"] = "";
        input.ResponseTargetDays = 0;
        input.SortOrder = -1;

        var errors = new ReportCategoryValidator().Validate(input).Errors;

        Assert.Equal(new[] { ReportCategoryKeys.NameJaRequired, ReportCategoryKeys.SortOrderRange, ReportCategoryKeys.TargetDaysRange }.Order(), errors.Select(e => e.ErrorMessage).Order());
        Assert.Equal("Name[ja]", errors.Single(e => e.ErrorMessage == ReportCategoryKeys.NameJaRequired).PropertyName);
        input.ResponseTargetDays = ReportCategoryValidator.MaxTargetDays + 1;
        Assert.Contains(new ReportCategoryValidator().Validate(input).Errors, e => e.ErrorMessage == ReportCategoryKeys.TargetDaysRange);
        Assert.True(new ReportCategoryValidator().Validate(new ReportCategoryInput { Code = "x", Name = Names("倒木"), ResponseTargetDays = 3 }).IsValid);
    }

    [Fact]
    public void Every_language_has_the_same_length_limit_counted_without_easy_Japanese_readings()
    {
        var input = Valid();
        input.Name["vi"] = new string('a', ReportCategoryValidator.MaxNameLength + 1);
        // 100 kanji with their readings: longer to store, as long as the limit to read.
        input.Name["ja-Easy"] = string.Concat(Enumerable.Repeat("木《き》", ReportCategoryValidator.MaxNameLength));

        var failure = Assert.Single(new ReportCategoryValidator().Validate(input).Errors);

        Assert.Equal((ReportCategoryKeys.NameTooLong, "Name[vi]"), (failure.ErrorMessage, failure.PropertyName));
    }
}

public sealed class ReportCategoryServiceTests : IDisposable
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task An_administrator_adds_a_category_and_changes_it_each_save_audited()
    {
        var admin = StaffTestWorld.ActorOf(await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin));
        var input = new ReportCategoryInput { Code = "road-fallen-tree", Field = ReportField.Road, Name = ReportCategoryValidatorTests.Names("倒木", "Fallen tree"), ResponseTargetDays = 3, SortOrder = 55 };

        Assert.True((await _world.Service.SaveCategoryAsync(admin, input, creating: true, Ct)).Succeeded);
        input.ResponseTargetDays = 5;
        input.IsActive = false;
        Assert.True((await _world.Service.SaveCategoryAsync(admin, input, creating: false, Ct)).Succeeded);

        Assert.Equal(new ReportCategory("road-fallen-tree", ReportField.Road, LocalizedText.Of("倒木", "Fallen tree"), 5, 55, false), await _world.Categories.GetAsync("road-fallen-tree", Ct));
        var audit = await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.CategorySaved), Ct);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((ReportAuditActions.CategoryEntity, "road-fallen-tree", admin.AccountId), (a.EntityType, a.EntityId, a.ActorId)));
    }

    [Fact]
    public async Task A_new_category_cannot_take_an_existing_code_and_invalid_input_stores_nothing()
    {
        var admin = StaffTestWorld.ActorOf(await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin));
        var taken = new ReportCategoryInput { Code = "road-pothole", Name = ReportCategoryValidatorTests.Names("穴", "Hole"), ResponseTargetDays = 1 };
        var invalid = new ReportCategoryInput { Code = "Bad Code", Name = ReportCategoryValidatorTests.Names("x", "y") };
        var unknown = new ReportCategoryInput { Code = "no-such-category", Name = ReportCategoryValidatorTests.Names("x", "y") };

        Assert.Equal(ReportCategoryKeys.CodeTaken, Assert.Single((await _world.Service.SaveCategoryAsync(admin, taken, creating: true, Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportCategoryKeys.CodeFormat, Assert.Single((await _world.Service.SaveCategoryAsync(admin, invalid, creating: true, Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportErrors.UnknownCategory, Assert.Single((await _world.Service.SaveCategoryAsync(admin, unknown, creating: false, Ct)).Errors).ErrorMessage);

        Assert.Equal(7, (await _world.Categories.GetAsync("road-pothole", Ct))!.ResponseTargetDays);
        Assert.Null(await _world.Categories.GetAsync("no-such-category", Ct));
        Assert.Empty(await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.CategorySaved), Ct));
    }
}

public sealed class ReportCategoriesAdminPageTests : BunitContext
{
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    [Fact]
    public async Task The_page_lists_inactive_categories_too_and_adds_a_new_one_through_the_dialog()
    {
        var admin = await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin);
        await _world.Categories.SaveAsync(new ReportCategory("other-old", ReportField.Other, LocalizedText.Of("旧分類", "Old"), 30, 999, false), StaffTestWorld.Ct);
        _world.Prepare(this, admin);
        var dialogs = Render<MudDialogProvider>();

        var page = Render<ReportCategoriesAdmin>();
        page.WaitForAssertion(() => Assert.Equal(14, page.FindAll("tbody tr").Count));
        Assert.Contains("停止中", page.FindAll("tbody tr")[^1].TextContent);

        page.Find("#category-new").Click();
        dialogs.WaitForElement("#category-code").Input("road-fallen-tree");
        dialogs.Find("#category-name-ja").Change("倒木");
        dialogs.Find("#category-name-en").Change("Fallen tree");
        dialogs.Find("#category-save").Click();

        page.WaitForAssertion(() => Assert.Equal(15, page.FindAll("tbody tr").Count));
        Assert.NotNull(await _world.Categories.GetAsync("road-fallen-tree", StaffTestWorld.Ct));
        Assert.Single(await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.CategorySaved), StaffTestWorld.Ct));
    }

    [Fact]
    public async Task The_seeded_categories_lack_no_language_and_a_new_Japanese_only_one_is_counted_and_found()
    {
        var admin = await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin);
        _world.Prepare(this, admin);
        Render<MudDialogProvider>();
        var page = Render<ReportCategoriesAdmin>();
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("tbody tr").Count));
        var others = OfferedLanguages.Standard.All.Where(l => l != "ja").ToList();
        Assert.All(others, l => Assert.Equal("0", page.Find($"[data-testid=categories-missing-{l}]").GetAttribute("data-missing")));
        Assert.Empty(page.FindAll("[data-testid=missing-in]"));

        await _world.Categories.SaveAsync(new ReportCategory("other-sign", ReportField.Other, LocalizedText.Of("案内板の汚れ"), 14, 140, true), StaffTestWorld.Ct);
        page = Render<ReportCategoriesAdmin>();
        page.WaitForAssertion(() => Assert.Equal(14, page.FindAll("tbody tr").Count));
        Assert.All(others, l => Assert.Equal("1", page.Find($"[data-testid=categories-missing-{l}]").GetAttribute("data-missing")));
        page.Find($"[data-testid=categories-missing-{others[0]}]").Click();

        page.WaitForAssertion(() => Assert.Equal("案内板の汚れ", Assert.Single(page.FindAll("[data-testid=category-name]")).TextContent));
        Assert.NotNull(page.Find("tbody [data-testid=missing-in]"));
    }

    [Fact]
    public async Task A_bad_code_is_shown_in_Japanese_and_nothing_is_saved()
    {
        var admin = await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin);
        _world.Prepare(this, admin);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ReportCategoriesAdmin>();
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("tbody tr").Count));

        page.Find("#category-new").Click();
        dialogs.WaitForElement("#category-code").Input("Road Tree");
        dialogs.Find("#category-name-ja").Change("倒木");
        dialogs.Find("#category-name-en").Change("Fallen tree");
        dialogs.Find("#category-save").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("コードは半角英小文字・数字・ハイフン", dialogs.Markup));
        Assert.Equal(13, (await _world.Categories.ListAsync(true, StaffTestWorld.Ct)).Count);
    }
}

/// <summary>/admin/report-categories/{code}/questions: administrators add, check and save a category's questions.</summary>
public sealed class CategoryQuestionsAdminPageTests : BunitContext
{
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    [Fact]
    public async Task An_administrator_adds_a_choice_sees_what_is_missing_under_its_field_and_saves_it_audited()
    {
        var admin = await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin);
        _world.Prepare(this, admin);
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<CategoryQuestionsAdmin>(p => p.Add(x => x.Code, "park-bench"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='questions-none']")));

        page.Find("#question-add").Click();
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudTextField<string>>().First(f => f.Instance.Label == "コード").Instance.ValueChanged.InvokeAsync("broken-part"));
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<QuestionKind>>().Instance.ValueChanged.InvokeAsync(QuestionKind.Choice));
        page.Find("#question-0-prompt-ja").Change("壊れている部分");
        page.Find("#questions-save").Click();

        // A choice without options, said above the options; nothing saved.
        page.WaitForAssertion(() => Assert.Contains("選択式の質問には1〜30個の選択肢が必要です。", page.Markup));
        Assert.Empty((await _world.Categories.GetAsync("park-bench", StaffTestWorld.Ct))!.Questions);

        page.Find("#question-0-add-option").Click();
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudTextField<string>>().First(f => f.Instance.Label == "キー").Instance.ValueChanged.InvokeAsync("seat"));
        page.Find("#question-0-option-0-label-ja").Change("座面");
        page.Find("#question-0-option-0-label-en").Change("Seat");
        page.Find("#questions-save").Click();

        page.WaitForAssertion(() => Assert.Single((_world.Categories.GetAsync("park-bench", StaffTestWorld.Ct).GetAwaiter().GetResult())!.Questions));
        var saved = (await _world.Categories.GetAsync("park-bench", StaffTestWorld.Ct))!.Questions[0];
        Assert.Equal(("broken-part", QuestionKind.Choice, "壊れている部分", "Seat"), (saved.Code, saved.Kind, saved.Prompt.Japanese, saved.Option("seat")!.Label.For("en")));
        var audit = Assert.Single(await _world.Audit.SearchAsync(new Portal.Core.Audit.AuditQuery(Action: ReportAuditActions.CategoryQuestionsSaved), StaffTestWorld.Ct));
        Assert.Equal((admin.Id, "park-bench"), (audit.ActorId, audit.EntityId));
    }
}
