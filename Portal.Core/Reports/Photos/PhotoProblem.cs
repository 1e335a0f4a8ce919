namespace Portal.Core.Reports.Photos;

/// <summary>Why a photo was refused. Each has a message under <see cref="PhotoProblems.ResourceKey"/>.</summary>
public enum PhotoProblem
{
    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="PhotoRules.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The content is not a JPEG, PNG or WebP image, whatever the file is called.</summary>
    UnsupportedFormat,

    /// <summary>The image header declares more than <see cref="PhotoRules.MaxPixels"/> pixels.</summary>
    TooManyPixels,

    /// <summary>The content starts like an image but cannot be decoded: damaged or cut short.</summary>
    Unreadable,
}

public static class PhotoProblems
{
    /// <summary>The resource key of the message that explains <paramref name="problem"/> to the resident.</summary>
    public static string ResourceKey(this PhotoProblem problem) => problem switch
    {
        PhotoProblem.Empty => "Photo_Empty",
        PhotoProblem.TooLarge => "Photo_TooLarge",
        PhotoProblem.UnsupportedFormat => "Photo_UnsupportedFormat",
        PhotoProblem.TooManyPixels => "Photo_TooManyPixels",
        PhotoProblem.Unreadable => "Photo_Unreadable",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
