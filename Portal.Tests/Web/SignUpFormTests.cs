using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

/// <summary>Bad input on the static sign-up form: a clear message per field, and what was typed is kept.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class SignUpFormTests(PortalAppFactory app)
{
    [Fact]
    public async Task A_short_password_and_unaccepted_terms_are_explained_and_the_address_and_name_are_kept()
    {
        using var client = app.CreateBrowserlessClient();
        var form = await client.GetStringAsync("/account/signup", TestContext.Current.CancellationToken);
        var email = $"short-{Guid.NewGuid():N}@test.chiba-portal.jp";
        using var response = await client.PostAsync("/account/signup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(form, "__RequestVerificationToken"),
            ["_handler"] = "signup",
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "千葉 花子",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        }), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("パスワードは10文字以上にしてください。", html);
        Assert.Contains("利用規約への同意が必要です。", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.Contains("value=\"千葉 花子\"", html);
        Assert.DoesNotContain("value=\"short\"", html);
    }
}
