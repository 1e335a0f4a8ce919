using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Tests.Shell;

public sealed class ShellComponentTests : BunitContext
{
    public ShellComponentTests()
    {
        Services.AddPortalLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static IDisposable Culture(string name)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui));
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    [Fact]
    public void The_resident_navigation_has_five_sections_in_Japanese()
    {
        using var _ = Culture("ja");
        var nav = Render<ResidentNav>();

        var links = nav.FindAll("a.resident-nav-item");
        Assert.Equal(["/reports", "/points", "/queue", "/benefits", "/account"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["ちばレポ", "ポイント", "窓口の順番", "For You", "マイページ"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal("市民メニュー", nav.Find("nav").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_resident_navigation_speaks_English_too()
    {
        using var _ = Culture("en");
        var nav = Render<ResidentNav>();
        Assert.Equal(["Reports", "Points", "Queue", "For You", "Me"], nav.FindAll("a.resident-nav-item").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_language_menu_offers_every_language_named_in_itself_the_current_one_marked(string current)
    {
        using var _ = Culture(current);
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo("/reports?status=open");
        var menu = Render<LanguageSwitch>();

        Assert.Equal("/culture", menu.Find("details.language-menu form").GetAttribute("action"));
        Assert.Equal("post", menu.Find("form").GetAttribute("method"));
        Assert.Equal("/reports?status=open", menu.Find("input[name=returnUrl]").GetAttribute("value"));
        var buttons = menu.FindAll("button[name=culture]");
        Assert.Equal(OfferedLanguages.Standard.All, buttons.Select(b => b.GetAttribute("value")));
        Assert.Equal(OfferedLanguages.Standard.All.Select(l => Browser.PortalText.Get("Language_Name", l)), buttons.Select(b => b.TextContent));
        Assert.Equal(OfferedLanguages.Standard.All.Select(PortalCultures.HtmlLangOf), buttons.Select(b => b.GetAttribute("lang")));
        // Each name is its own (a language whose resources lack it would show its parent's), and only the current is marked.
        Assert.Equal(buttons.Count, buttons.Select(b => b.TextContent).Distinct().Count());
        Assert.Equal([current], buttons.Where(b => b.GetAttribute("aria-current") == "true").Select(b => b.GetAttribute("value")));
        // The closed menu says which language the page is in, in that language.
        Assert.Equal(Browser.PortalText.Get("Language_Name", current), menu.Find("summary .language-menu-current").TextContent);
    }

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    [Fact]
    public void The_language_menu_follows_navigation()
    {
        using var _ = Culture("en");
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var menu = Render<LanguageSwitch>();
        navigation.NavigateTo("/points");

        Assert.Equal("/points", menu.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.Equal("en", menu.Find("button[aria-current=true]").GetAttribute("value"));
    }
}
