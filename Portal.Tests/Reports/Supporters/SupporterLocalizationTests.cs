using System.Reflection;
using System.Xml.Linq;
using Portal.Core.Reports.Supporters;

namespace Portal.Tests.Reports.Supporters;

/// <summary>Every message key the supporter rules can return has text in both languages.</summary>
public sealed class SupporterLocalizationTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found.");
        }
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Root, "Portal.Web", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Every_supporter_error_validation_message_and_status_has_text(string file)
    {
        var keys = Keys(file);
        var needed = Constants(typeof(SupporterErrors)).Concat(Constants(typeof(SupporterValidationKeys)))
            .Concat(Enum.GetNames<SupporterTaskStatus>().Select(s => "Supporters_Status_" + s));

        var missing = needed.Where(k => !keys.Contains(k)).ToList();
        Assert.Equal([], missing);
    }
}
