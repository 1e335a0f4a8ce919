using System.Reflection;
using System.Xml.Linq;
using Portal.Core.Points;

namespace Portal.Tests.Points;

/// <summary>Every refusal and validation message of City Points, and every kind the pages name, has text in both languages.</summary>
public sealed class PointsTextTests
{
    private static HashSet<string> Keys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return XDocument.Load(Path.Combine(dir!.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).ToHashSet();
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Every_points_message_and_kind_has_text(string file)
    {
        var keys = Keys(file);
        var needed = typeof(PointsErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Enum.GetNames<PointTransactionKind>().Select(k => "Points_Kind_" + k))
            .Concat(Enum.GetNames<ProgrammeKind>().Select(k => "Points_Programme_" + k))
            .Concat(Enum.GetNames<CatalogItemKind>().Select(k => "Points_Item_" + k))
            .Concat(Enum.GetNames<AdjustmentStatus>().Select(k => "Points_Adjustment_" + k));

        var missing = needed.Where(k => !keys.Contains(k)).ToList();
        Assert.Empty(missing);
    }
}
