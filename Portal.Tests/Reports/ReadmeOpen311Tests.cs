using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Reports;

/// <summary>
/// A newcomer tries the API as the README shows it: the README's <c>curl</c> POST, read from README.md and sent as
/// written (its fields and its path), files a report on an app with the Development demo data.
/// </summary>
public sealed class ReadmeOpen311Tests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The README's curl command that posts to Open311: its <c>-d</c> fields and its URL, as a shell reads them.</summary>
    private static (List<KeyValuePair<string, string>> Fields, Uri Url) ReadmePost()
    {
        var lines = File.ReadAllLines(SourceTree.PathOf("README.md"));
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("curl -d", StringComparison.Ordinal) && l.Contains("api_key=", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md shows no curl POST with an api_key");
        var command = new StringBuilder();
        for (var i = start; ; i++)
        {
            var line = lines[i].TrimEnd();
            var continued = line.EndsWith('\\');
            command.Append(continued ? line[..^1] : line).Append(' ');
            if (!continued) break;
        }
        var words = ShellWords(command.ToString());
        var fields = new List<KeyValuePair<string, string>>();
        Uri? url = null;
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "-d")
            {
                var pair = words[++i];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                fields.Add(new(pair[..equals], pair[(equals + 1)..]));
            }
            else if (words[i].StartsWith("http", StringComparison.Ordinal)) url = new Uri(words[i]);
        }
        return (fields, url ?? throw new InvalidOperationException("the README's curl names no URL"));
    }

    /// <summary>Splits a command line as a POSIX shell does for plain words and double-quoted strings.</summary>
    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in command)
        {
            if (c == '"') { quoted = !quoted; inWord = true; }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else { word.Append(c); inWord = true; }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [Fact]
    public async Task The_READMEs_curl_post_files_a_report_with_the_demo_key()
    {
        var (fields, url) = ReadmePost();
        Assert.Contains(fields, f => f.Key == "api_key" && f.Value == DemoData.Open311ApiKey);
        using var app = new PortalAppFactory();
        _ = app.ServerAddress;
        await DemoData.SeedAsync(app.Services, Ct);
        // Seeding again (every start of the app) adds no second key.
        await DemoData.SeedAsync(app.Services, Ct);

        using var client = app.CreateBrowserlessClient();
        using var response = await client.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(fields), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetInt64();
        var report = await app.Services.GetRequiredService<IReportRepository>().GetAsync(id, Ct);
        Assert.Equal(fields.Single(f => f.Key == "description").Value, report!.Description);
        var keys = await app.Services.GetRequiredService<Portal.Core.Reports.Open311.Open311ApiKeyService>().ListAsync(Ct);
        Assert.Single(keys, k => k.Name == DemoData.Open311ApiKeyName);
    }
}
