using System.Net;
using Portal.Tests.Infrastructure;
using Portal.Web.Shell.Display;

namespace Portal.Tests.Shell;

/// <summary>Text size and contrast: the cookie's value, and the form that sets it and sends the reader back.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class DisplayPreferencesTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, TextSize.Standard, false, null, null)]
    [InlineData("standard.normal", TextSize.Standard, false, null, null)]
    [InlineData("large.normal", TextSize.Large, false, "large", null)]
    [InlineData("x-large.high", TextSize.ExtraLarge, true, "x-large", "high")]
    [InlineData("standard.high", TextSize.Standard, true, null, "high")]
    [InlineData("huge.loud", TextSize.Standard, false, null, null)]
    [InlineData("<script>", TextSize.Standard, false, null, null)]
    public void A_cookie_gives_the_attributes_on_html_and_anything_unknown_is_the_standard(
        string? cookie, TextSize size, bool high, string? sizeAttribute, string? contrastAttribute)
    {
        var preferences = DisplayPreferences.Parse(cookie);

        Assert.Equal(new DisplayPreferences(size, high), preferences);
        Assert.Equal((sizeAttribute, contrastAttribute), (preferences.TextSizeAttribute, preferences.ContrastAttribute));
        Assert.Equal(preferences, DisplayPreferences.Parse(preferences.CookieValue));
    }

    [Fact]
    public async Task The_menu_form_keeps_the_choice_in_a_cookie_and_every_page_is_then_drawn_with_it()
    {
        using var client = app.CreateBrowserlessClient();

        using var size = await PostAsync(client, "/account/signin", ("size", "x-large"), ("returnUrl", "/reports?status=open"));
        Assert.Equal(HttpStatusCode.Redirect, size.StatusCode);
        Assert.Equal("/reports?status=open", size.Headers.Location?.OriginalString);
        var cookie = Assert.Single(size.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DisplayPreferences.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("x-large.normal", cookie);
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase); // the offline page reads it

        // The contrast alone changes, the size stays; an outside address sends the reader home instead.
        using var contrast = await PostAsync(client, "/", ("contrast", "high"), ("returnUrl", "//elsewhere.example/"));
        Assert.Equal("/", contrast.Headers.Location?.OriginalString);

        foreach (var path in new[] { "/", "/account/signin", "/reports" })
            Assert.Contains("<html lang=\"ja\" data-text-size=\"x-large\" data-contrast=\"high\">", await client.GetStringAsync(path, Ct));

        using var back = await PostAsync(client, "/", ("size", "standard"), ("contrast", "normal"));
        Assert.Contains("<html lang=\"ja\">", await client.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task A_size_or_contrast_the_menu_does_not_offer_is_refused_and_changes_nothing()
    {
        using var client = app.CreateBrowserlessClient();

        using var size = await PostAsync(client, "/", ("size", "gigantic"));
        using var contrast = await PostAsync(client, "/", ("contrast", "inverted"));

        Assert.Equal(HttpStatusCode.BadRequest, size.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, contrast.StatusCode);
        Assert.Contains("<html lang=\"ja\">", await client.GetStringAsync("/", Ct));
    }

    /// <summary>Posts the display menu of <paramref name="page"/> as a browser would, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page, Ct);
        var form = html[html.IndexOf("action=\"/display\"", StringComparison.Ordinal)..];
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(form, "__RequestVerificationToken") };
        foreach (var (name, value) in fields) values[name] = value;
        return await client.PostAsync("/display", new FormUrlEncodedContent(values), Ct);
    }
}
