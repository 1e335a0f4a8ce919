using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;

namespace Portal.Tests.Reports.Photos;

/// <summary>The pipeline's wiring and the messages a resident sees when a photo is refused.</summary>
public sealed class PhotoPipelineTests
{
    private static IServiceProvider Services(string dataFolder, string? folder)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Photos:Folder"] = folder }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddLogging()
            .AddPhotoPipeline(dataFolder)
            .BuildServiceProvider();
    }

    [Fact]
    public void Photos_are_kept_under_the_data_folder_unless_configured_elsewhere()
    {
        var data = Path.Combine(Path.GetTempPath(), "chibaportal-tests", "data");

        var services = Services(data, folder: null);
        Assert.IsType<SkiaPhotoProcessor>(services.GetRequiredService<IPhotoProcessor>());
        Assert.Equal(Path.Combine(data, "photos"), Assert.IsType<FilePhotoStore>(services.GetRequiredService<IPhotoStore>()).RootFolder);

        var elsewhere = Path.Combine(Path.GetTempPath(), "chibaportal-tests", "elsewhere");
        Assert.Equal(elsewhere, ((FilePhotoStore)Services(data, elsewhere).GetRequiredService<IPhotoStore>()).RootFolder);
    }

    private static Dictionary<string, string> Resources(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return XDocument.Load(Path.Combine(dir.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Every_problem_has_a_message_that_names_the_limit(string file)
    {
        var text = Resources(file);
        foreach (var problem in Enum.GetValues<PhotoProblem>())
            Assert.True(text.ContainsKey(problem.ResourceKey()), $"{file} has no {problem.ResourceKey()}.");

        Assert.Contains($"{PhotoRules.MaxBytes / (1024 * 1024)} MB", text[PhotoProblem.TooLarge.ResourceKey()], StringComparison.Ordinal);
        Assert.Contains($"{PhotoRules.MaxPixels / 1_000_000}", text[PhotoProblem.TooManyPixels.ResourceKey()], StringComparison.Ordinal);
        foreach (var format in new[] { "JPEG", "PNG", "WebP" })
            Assert.Contains(format, text[PhotoProblem.UnsupportedFormat.ResourceKey()], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_problem_has_its_own_message()
    {
        var problems = Enum.GetValues<PhotoProblem>();
        Assert.Equal(problems.Length, problems.Select(p => p.ResourceKey()).Distinct().Count());
    }
}
