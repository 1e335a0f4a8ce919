using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Core.Accounts;

namespace Portal.Tests.Shell;

/// <summary>Japanese first, English complete: every string a page shows exists in both languages.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, string> Japanese = Read("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Read("SharedResource.en.resx");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found above the test binaries.");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Root, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Both_languages_have_the_same_keys_each_with_text()
    {
        Assert.Equal(Japanese.Keys.Order(), English.Keys.Order());
        Assert.All(Japanese.Concat(English), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
    }

    [Fact]
    public void Both_languages_fill_in_the_same_placeholders()
    {
        foreach (var key in Japanese.Keys)
            Assert.True(Placeholders(Japanese[key]).SequenceEqual(Placeholders(English[key])), key);
    }

    [Fact]
    public void Japanese_text_is_Japanese()
    {
        // Names that are the same in both languages are allowed to be equal; everything else must be translated.
        string[] sameInBoth = ["Nav_Benefits", "NoticeChannel_Line"];
        var untranslated = Japanese.Keys.Where(k => !sameInBoth.Contains(k) && Japanese[k] == English[k]);
        Assert.Empty(untranslated);
    }

    // Literals that look like keys but are not: the default data folder's name.
    private static readonly string[] NotKeys = ["App_Data"];

    [Fact]
    public void Every_key_the_pages_use_exists()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "Portal.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var prefixes = Japanese.Keys.Select(k => k[..(k.IndexOf('_') + 1)]).ToHashSet();
        var used = sources.SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(u => prefixes.Any(p => u.Key.StartsWith(p, StringComparison.Ordinal)) && !u.Key.EndsWith('_') && !NotKeys.Contains(u.Key))
            .ToList();
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !Japanese.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void Every_role_and_every_validation_message_has_text()
    {
        var keys = Enum.GetNames<Role>().Select(r => "Role_" + r)
            .Concat(Constants(typeof(ValidationKeys)))
            .Concat(Constants(typeof(AccountErrors)));
        var missing = keys.Where(k => !Japanese.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex("\"([A-Z][A-Za-z]+_[A-Za-z0-9_]*)\"")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
