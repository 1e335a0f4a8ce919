using Microsoft.Extensions.Options;
using Portal.Core.Reports.Photos;

namespace Portal.Web.Reports.Photos;

/// <summary>The "Photos" configuration section.</summary>
public sealed class PhotoStorageOptions
{
    public const string Section = "Photos";

    /// <summary>Where photos are kept; empty means <c>{Portal:DataFolder}/photos</c>, relative means under the data folder.</summary>
    public string? Folder { get; set; }

    /// <summary>The memory all image decodes may hold at once, in megabytes (a 40-megapixel image holds 160).</summary>
    public int DecodeMemoryMegabytes { get; set; } = (int)(Core.Reports.Photos.DecodeBudget.DefaultCeilingBytes / (1024 * 1024));

    public string ResolveFolder(string dataFolder) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Folder) ? Path.Combine(dataFolder, "photos") : Path.Combine(dataFolder, Folder));
}

public static class PhotoPipeline
{
    /// <summary>Registers the photo processor and the photo store (under <c>{dataFolder}/photos</c> unless Photos:Folder says otherwise).</summary>
    public static IServiceCollection AddPhotoPipeline(this IServiceCollection services, string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        services.AddOptions<PhotoStorageOptions>().BindConfiguration(PhotoStorageOptions.Section);
        services.AddSingleton(sp => new Core.Reports.Photos.DecodeBudget(
            Math.Max(16, sp.GetRequiredService<IOptions<PhotoStorageOptions>>().Value.DecodeMemoryMegabytes) * 1024L * 1024));
        services.AddSingleton<IPhotoProcessor, SkiaPhotoProcessor>();
        services.AddSingleton<IPhotoStore>(sp =>
            new FilePhotoStore(sp.GetRequiredService<IOptions<PhotoStorageOptions>>().Value.ResolveFolder(dataFolder)));
        return services;
    }
}
