using System.Reflection;
using System.Xml.Linq;
using Portal.Core.Reports;

namespace Portal.Tests.Reports.Staff;

/// <summary>The keys the report pages build from enums and Core's message constants exist in both languages.</summary>
public sealed class StaffLocalizationTests
{
    private static readonly HashSet<string> Japanese = Read("SharedResource.resx");
    private static readonly HashSet<string> English = Read("SharedResource.en.resx");

    private static HashSet<string> Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return XDocument.Load(Path.Combine(dir!.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> Keys()
    {
        var keys = Enum.GetNames<ReportStatus>().Select(s => "ReportStatus_" + s)
            .Concat(Enum.GetNames<PublicStatus>().Select(s => "PublicStatus_" + s))
            .Concat(Enum.GetNames<ReportField>().Select(s => "ReportField_" + s))
            .Concat(Enum.GetNames<ReportKind>().Select(s => "ReportKind_" + s))
            .Concat(Enum.GetNames<ReportUpdateKind>().Select(s => "ReportUpdateKind_" + s))
            // A template for every state staff can move a report to.
            .Concat(Enum.GetValues<ReportStatus>().SelectMany(ReportWorkflow.StaffMovesFrom).Distinct().Select(s => "Reports_Template_" + s))
            .Concat(Enum.GetNames<Portal.Web.Reports.Staff.TriageInbox.AssignmentFilter>().Select(s => "Inbox_Assignment_" + s))
            .Concat(Constants(typeof(ReportErrors)))
            .Concat(Constants(typeof(ReportValidationKeys)))
            .Concat(Constants(typeof(ReportCategoryKeys)));
        var data = new TheoryData<string>();
        foreach (var key in keys) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_key_has_Japanese_and_English_text(string key)
    {
        Assert.Contains(key, Japanese);
        Assert.Contains(key, English);
    }
}
