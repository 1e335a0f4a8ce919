using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Data.Database;
using Portal.Web.Hosting;
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
        Services.AddSingleton(OfferedLanguages.Standard);
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
        (await _world.Shop.SaveItemAsync(await _world.StaffAsync(), null, new CatalogItemInput
        {
            Name = CityTextFields.From(name), Description = CityTextFields.From(description), PartnerAccountId = _world.Partner.Id,
        }, Xunit.TestContext.Current.CancellationToken)).Value!;

    [Fact]
    public async Task Each_offered_language_counts_the_items_missing_a_text_in_it_and_filters_to_them()
    {
        await ItemAsync(SeedText.Of("科学館 入館券", "科学館《かがくかん》に 入《はい》る 券《けん》", "Science museum ticket", "科学馆门票", "과학관 입장권", "Vé bảo tàng khoa học"), null);
        await ItemAsync(LocalizedText.Of("動物公園 入園券"), LocalizedText.Of("大人1名"));
        // Named in English, but its description is not.
        await ItemAsync(LocalizedText.Of("ポートタワー 展望券", "Port Tower observation deck"), LocalizedText.Of("展望フロア"));

        var page = Render<CatalogueAdmin>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".catalogue-list tbody tr").Count));
        var translated = OfferedLanguages.Standard.All.Where(l => l != Language.Japanese).ToList();
        Assert.NotEmpty(translated);
        foreach (var language in translated)
            Assert.Equal("2", page.Find($"[data-testid='catalogue-missing-{language}']").GetAttribute("data-missing"));
        Assert.Empty(page.FindAll("[data-testid='catalogue-missing-ja']"));

        var filtered = translated.Last();
        page.Find($"[data-testid='catalogue-missing-{filtered}']").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".catalogue-list tbody tr").Count));
        Assert.DoesNotContain("科学館 入館券", page.Find(".catalogue-list tbody").TextContent);
        Assert.Equal("true", page.Find($"[data-testid='catalogue-missing-{filtered}']").GetAttribute("aria-pressed"));
        page.Find("[data-testid='catalogue-missing-all']").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".catalogue-list tbody tr").Count));
    }

    [Fact]
    public async Task The_editor_shows_every_offered_language_Japanese_first_and_marks_what_is_not_written()
    {
        await ItemAsync(LocalizedText.Of("動物公園 入園券", "Zoo admission"), null);
        var page = Render<CatalogueAdmin>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".catalogue-list tbody tr")));

        page.Find(".catalogue-list tbody tr button").Click();

        var fields = page.FindAll("#item-name input").Select(f => f.Id ?? "").ToList();
        Assert.Equal(OfferedLanguages.Standard.All.Select(l => $"item-name-{l}"), fields);
        Assert.Equal("item-name-ja", fields[0]);
        Assert.Equal("動物公園 入園券", page.Find("#item-name-ja").GetAttribute("value"));
        Assert.Equal("Zoo admission", page.Find("#item-name-en").GetAttribute("value"));
        Assert.Equal(2, page.FindAll("#item-description textarea").Count(t => t.Id is "item-description-ja" or "item-description-en"));
        foreach (var language in OfferedLanguages.Standard.All.Except(["ja", "en"]))
            Assert.NotNull(page.Find($"#item-name label[for='item-name-{language}'] .city-text-unwritten"));
    }

    [Fact]
    public async Task A_name_longer_in_one_language_is_refused_under_that_language_s_field()
    {
        var page = Render<CatalogueAdmin>();
        page.Find("#item-name-ja").Change("入園券");
        page.Find("#item-name-en").Change(new string('a', 101));

        page.Find("#item-save").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#item-name-en-error")));
        Assert.Empty(page.FindAll("#item-name-ja-error"));
        Assert.Empty(await _world.Shop.CatalogueAsync(includeInactive: true, Xunit.TestContext.Current.CancellationToken));
    }
}
