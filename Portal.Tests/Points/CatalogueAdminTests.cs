using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Data.Database;
using Portal.Web.Languages;
using Portal.Web.Points.Admin;
using Portal.Web.Security;

namespace Portal.Tests.Points;

/// <summary>
/// The catalogue editor writes each item's texts in every offered language side by side, counts per language the items
/// still missing a text in it, and filters the list to those.
/// </summary>
public sealed class CatalogueAdminTests : BunitContext, IAsyncLifetime
{
    private LedgerWorld _world = null!;

    // Set here, not in InitializeAsync: a culture set inside an async method does not flow back to the test.
    public CatalogueAdminTests() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");

    public async ValueTask InitializeAsync()
    {
        _world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMudServices();
        Services.AddSingleton(_world.Shop);
        Services.AddScoped<RequestOrigin>();
        Services.AddScoped<CurrentActor>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("admin@city.chiba.jp").SetRoles("Admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
        Render<MudPopoverProvider>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _world.Dispose();
    }

    private async Task<CatalogItem> ItemAsync(LocalizedText name, LocalizedText? description) =>
        await _world.Shop.SaveItemAsync(await _world.StaffAsync(), null, new CatalogItemInput
        {
            Name = CityTextInput.From(name), Description = CityTextInput.From(description), PartnerAccountId = _world.Partner.Id,
        }, Xunit.TestContext.Current.CancellationToken);

    [Fact]
    public async Task Each_offered_language_counts_the_items_missing_a_text_in_it_and_filters_to_them()
    {
        await ItemAsync(SeedText.Of("科学館 入館券", "科学館《かがくかん》に 入《はい》る 券《けん》", "Science museum ticket", "科学馆门票", "과학관 입장권", "Vé bảo tàng khoa học"), null);
        await ItemAsync(LocalizedText.Of("動物公園 入園券"), LocalizedText.Of("大人1名"));
        // Named in English, but its description is not.
        await ItemAsync(LocalizedText.Of("ポートタワー 展望券", "Port Tower observation deck"), LocalizedText.Of("展望フロア"));

        var page = Render<CatalogueAdmin>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".catalogue-list tbody tr").Count));
        var expected = CityTextLanguages.Translated.ToDictionary(l => l, _ => 2);
        Assert.NotEmpty(expected);
        foreach (var (language, count) in expected)
            Assert.Contains($"未入力 {count}件", page.Find($".city-text-chip[data-language='{language}']").TextContent);
        Assert.Empty(page.FindAll(".city-text-chip[data-language='ja']"));

        var filtered = expected.Keys.Last();
        page.Find($".city-text-chip[data-language='{filtered}']").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".catalogue-list tbody tr").Count));
        Assert.DoesNotContain("科学館 入館券", page.Find(".catalogue-list tbody").TextContent);
        Assert.Equal("true", page.Find($".city-text-chip[data-language='{filtered}']").GetAttribute("aria-pressed"));
        page.Find(".city-text-chip-clear").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".catalogue-list tbody tr").Count));
    }

    [Fact]
    public async Task The_editor_shows_every_offered_language_Japanese_first_and_marks_what_is_not_written()
    {
        await ItemAsync(LocalizedText.Of("動物公園 入園券", "Zoo admission"), null);
        var page = Render<CatalogueAdmin>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".catalogue-list tbody tr")));

        page.Find(".catalogue-list tbody tr button").Click();

        var fields = page.FindAll("#item-name .city-text-field").Select(f => f.GetAttribute("data-language")).ToList();
        Assert.Equal(CityTextLanguages.Offered, fields.Select(f => f ?? ""));
        Assert.Equal("ja", fields[0]);
        Assert.Equal("動物公園 入園券", page.Find("#item-name-ja").GetAttribute("value"));
        Assert.Equal("Zoo admission", page.Find("#item-name-en").GetAttribute("value"));
        foreach (var language in CityTextLanguages.Offered.Except(["ja", "en"]))
            Assert.Contains("未入力", page.Find($"#item-name .city-text-field[data-language='{language}'] label").TextContent);
    }

    [Fact]
    public void A_chip_says_whether_the_list_is_filtered_to_its_language()
    {
        string? filter = null;
        var chips = Render<MissingTranslations>(p => p
            .Add(c => c.Counts, new Dictionary<string, int> { ["en"] = 2, ["vi"] = 0 })
            .Add(c => c.Filter, "en")
            .Add(c => c.FilterChanged, (string? f) => filter = f));

        Assert.Equal("true", chips.Find(".city-text-chip[data-language='en']").GetAttribute("aria-pressed"));
        Assert.Equal("false", chips.Find(".city-text-chip[data-language='vi']").GetAttribute("aria-pressed"));
        Assert.True(chips.Find(".city-text-chip[data-language='vi']").HasAttribute("disabled"));
        chips.Find(".city-text-chip[data-language='en']").Click();
        Assert.Null(filter);
    }
}
