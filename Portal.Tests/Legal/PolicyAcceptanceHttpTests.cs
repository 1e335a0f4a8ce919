using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Legal;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>A new version of the terms in force: signed-in residents are asked once, over real HTTP.</summary>
[Collection(RevisedPoliciesCollection.Name)]
public sealed class PolicyAcceptanceHttpTests(RevisedPoliciesAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<PolicyAcceptance>> AcceptedAsync(UserAccount resident) =>
        await app.Services.GetRequiredService<PolicyAcceptanceService>().AcceptedAsync(resident.Id, Ct);

    /// <summary>Where a redirect leads, as a path and query on this site.</summary>
    private static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : null;

    private static Task<HttpResponseMessage> PostAcceptAsync(HttpClient client, string page, string shown) =>
        client.PostAsync("/policies/accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["_handler"] = "accept-policies",
            ["Input.Shown"] = shown,
            ["Input.ReturnUrl"] = PortalAppFactory.HiddenValue(page, "Input.ReturnUrl"),
        }), Ct);

    [Fact]
    public async Task A_resident_who_accepted_the_old_terms_is_sent_to_accept_the_new_ones_once_and_then_goes_where_they_were_going()
    {
        var resident = await app.ResidentBeforeTheRevisionAsync();
        using var client = await app.SignedInClientAsync(resident);

        using var asked = await client.GetAsync("/reports/mine", Ct);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/policies/accept?returnUrl=%2Freports%2Fmine", Target(asked));

        var page = await client.GetStringAsync(Target(asked)!, Ct);
        Assert.Contains(PortalText.Ja("Policies_AcceptTitleUpdated"), page);
        Assert.Contains("href=\"/terms/2\"", page);
        Assert.Contains("href=\"/terms/1\"", page); // to compare with the version accepted before
        Assert.DoesNotContain("href=\"/privacy/1\"", page); // privacy version 1 was accepted already
        Assert.Equal("terms=2", PortalAppFactory.HiddenValue(page, "Input.Shown"));

        using var accepted = await PostAcceptAsync(client, page, "terms=2");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/reports/mine", Target(accepted));
        Assert.Contains(await AcceptedAsync(resident), a => a is { Kind: PolicyKind.Terms, Version: 2 });

        using var after = await client.GetAsync("/reports/mine", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        // A second tap on the button finds nothing left to accept and simply goes on.
        using var again = await PostAcceptAsync(client, page, "terms=2");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await AcceptedAsync(resident), a => a.Kind == PolicyKind.Terms && a.Version == 2);
    }

    [Fact]
    public async Task A_form_that_showed_an_older_version_is_shown_again_and_records_nothing()
    {
        var resident = await app.ResidentBeforeTheRevisionAsync();
        using var client = await app.SignedInClientAsync(resident);
        var page = await client.GetStringAsync("/policies/accept?returnUrl=%2F", Ct);

        using var response = await PostAcceptAsync(client, page, "terms=1");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(PortalText.Ja("Policies_ChangedSinceShown"), html);
        Assert.Equal("terms=2", PortalAppFactory.HiddenValue(html, "Input.Shown"));
        Assert.DoesNotContain(await AcceptedAsync(resident), a => a.Version == 2);
    }

    [Fact]
    public async Task Not_agreeing_is_no_dead_end_the_documents_the_explanation_export_deletion_and_contact_stay_open()
    {
        var resident = await app.ResidentBeforeTheRevisionAsync();
        using var client = await app.SignedInClientAsync(resident);

        var declined = await client.GetStringAsync("/policies/declined?returnUrl=%2Fpoints", Ct);
        Assert.Contains(PortalText.Ja("Policies_DeclinedTitle"), declined);
        foreach (var link in new[] { "/account/export", "/account/delete", "/contact", "/policies/accept?returnUrl=%2Fpoints" })
            Assert.Contains($"href=\"{link}\"", declined);
        Assert.Contains("action=\"/account/signout\"", declined);

        foreach (var path in new[] { "/terms", "/terms/1", "/privacy", "/accessibility", "/contact", "/account/delete" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {response.Headers.Location}");
        }
        using var export = await client.GetAsync("/account/export", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_resident_who_never_accepted_anything_is_asked_for_every_version_in_force()
    {
        var resident = await app.ResidentAsync();
        using var client = await app.SignedInClientAsync(resident);

        using var asked = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var page = await client.GetStringAsync(Target(asked)!, Ct);

        Assert.Contains(PortalText.Ja("Policies_AcceptTitleFirst"), page);
        Assert.Equal("terms=2; privacy=1", PortalAppFactory.HiddenValue(page, "Input.Shown"));
        using var accepted = await PostAcceptAsync(client, page, "terms=2; privacy=1");
        Assert.Equal("/", Target(accepted));
    }

    [Fact]
    public async Task Staff_and_visitors_who_are_not_signed_in_are_never_asked()
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        using var staffClient = await app.SignedInClientAsync(staff);
        using var anonymous = app.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await staffClient.GetAsync("/staff", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_documents_show_the_version_in_force_and_link_to_the_earlier_one()
    {
        using var client = app.CreateBrowserlessClient();

        var current = await client.GetStringAsync("/terms", Ct);
        var earlier = await client.GetStringAsync("/terms/1", Ct);

        Assert.Contains("改定した利用規約です。", current);
        Assert.Contains("href=\"/terms/1\"", current);
        Assert.Contains("最初の版の利用規約です。", earlier);
        Assert.Contains(string.Format(PortalText.Ja("Policies_EarlierVersion"), 2), earlier);
        Assert.Contains("href=\"/terms\"", earlier);
    }
}
