using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Tests.Languages;

/// <summary>
/// Offices' and services' names as the running portal shows them in each of its languages: the crowding page, and
/// the open status endpoint, which keeps its Japanese and English fields and adds every language.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class CityTextPagesTests(PortalAppFactory app)
{
    private const string Office = "inage";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A service of its own, its name written in every language the portal offers ("住民票 vi-1a2b").</summary>
    private async Task<OfficeService> ServiceInEveryLanguageAsync()
    {
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var used = (await setup.ListServicesAsync(Office, Ct)).Select(s => s.Prefix).ToHashSet();
        var prefix = Enumerable.Range('A', 26).Select(c => (char)c).Where(c => !used.Contains(c)).OrderBy(_ => Random.Shared.Next()).First();
        var code = "lang-" + Guid.NewGuid().ToString("N")[..6];
        var name = LocalizedText.From(OfferedLanguages.Standard.All.Select(l => KeyValuePair.Create(l, (string?)$"窓口 {l} {code}")));
        var id = await setup.SaveServiceAsync(new OfficeService(0, Office, code, name, prefix, false, 5, true, 60), Ct);
        app.Services.GetRequiredService<TicketService>().SetupChanged(Office);
        return (await setup.GetServiceAsync(id, Ct))!;
    }

    public static TheoryData<string> Languages() => [.. OfferedLanguages.Standard.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_crowding_page_names_offices_and_services_in_its_reader_s_language(string language)
    {
        var service = await ServiceInEveryLanguageAsync();
        var offices = await app.Services.GetRequiredService<IOfficeRepository>().ListAsync(Ct);
        using var client = app.CreateBrowserlessClient();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/queue?culture={Uri.EscapeDataString(language)}", Ct));

        Assert.All(offices, o => Assert.Contains(o.Name.Text(language), page));
        Assert.Contains(service.Name.Text(language), page);
        Assert.Equal($"窓口 {language} {service.Code}", service.Name.Text(language));
    }

    [Fact]
    public async Task The_status_endpoint_keeps_its_Japanese_and_English_names_and_adds_every_language()
    {
        var service = await ServiceInEveryLanguageAsync();
        var offices = await app.Services.GetRequiredService<IOfficeRepository>().ListAsync(Ct);
        using var client = app.CreateBrowserlessClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/queue/status", Ct));

        foreach (var document in json.RootElement.GetProperty("offices").EnumerateArray())
        {
            var office = offices.Single(o => o.Id == document.GetProperty("officeId").GetString());
            Assert.Equal((office.Name.Japanese, office.Name.Exact(Language.English)), (document.GetProperty("nameJa").GetString(), document.GetProperty("nameEn").GetString()));
            Assert.Equal(OfferedLanguages.Standard.All.ToDictionary(l => l, l => office.Name.Text(l)), Names(document));
        }
        var line = json.RootElement.GetProperty("offices").EnumerateArray().Single(o => o.GetProperty("officeId").GetString() == Office)
            .GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == service.Code);
        Assert.Equal(service.Name.Japanese, line.GetProperty("nameJa").GetString());
        Assert.Equal(OfferedLanguages.Standard.All.ToDictionary(l => l, l => $"窓口 {l} {service.Code}"), Names(line));
    }

    private static Dictionary<string, string> Names(JsonElement element) =>
        element.GetProperty("names").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
