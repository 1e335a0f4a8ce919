using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Shell;

namespace Portal.Tests.Shell;

public sealed class ShellComponentTests : BunitContext
{
    public ShellComponentTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
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

    [Fact]
    public void The_language_switch_offers_the_other_language_and_returns_to_the_current_page()
    {
        using var _ = Culture("ja");
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo("/reports?status=open");
        var toggle = Render<LanguageSwitch>();

        Assert.Equal("/culture", toggle.Find("form").GetAttribute("action"));
        Assert.Equal("post", toggle.Find("form").GetAttribute("method"));
        Assert.Equal("/reports?status=open", toggle.Find("input[name=returnUrl]").GetAttribute("value"));
        var button = toggle.Find("button[name=culture]");
        Assert.Equal(("en", "en", "English"), (button.GetAttribute("value"), button.GetAttribute("lang"), button.TextContent));
    }

    [Fact]
    public void The_language_switch_follows_navigation()
    {
        using var _ = Culture("en");
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        var toggle = Render<LanguageSwitch>();
        navigation.NavigateTo("/points");

        Assert.Equal("/points", toggle.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.Equal("日本語", toggle.Find("button[name=culture]").TextContent);
    }
}
