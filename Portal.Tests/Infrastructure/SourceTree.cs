namespace Portal.Tests.Infrastructure;

/// <summary>The repository's files, for tests that read sources, resources or documents rather than run them.</summary>
public static class SourceTree
{
    /// <summary>The folder holding ChibaPortal.sln, found above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found above the test binaries.");
    }
}
