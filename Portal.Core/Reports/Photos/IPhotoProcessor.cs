namespace Portal.Core.Reports.Photos;

/// <summary>Checks an uploaded photo against <see cref="PhotoRules"/> and makes it safe to publish.</summary>
public interface IPhotoProcessor
{
    /// <summary>
    /// Reads at most <see cref="PhotoRules.MaxBytes"/> + 1 bytes of <paramref name="original"/>, recognises the
    /// format from the content, refuses what breaks a rule, reads the GPS position, and returns an upright,
    /// resized, metadata-free display JPEG and thumbnail.
    /// </summary>
    Task<PhotoProcessingResult> ProcessAsync(Stream original, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a new JPEG in which each box is filled black. Call it for the display image and for the
    /// thumbnail with the same boxes. Throws <see cref="ArgumentException"/> when <paramref name="jpeg"/> is not a
    /// readable image.
    /// </summary>
    Task<byte[]> RedactAsync(byte[] jpeg, IReadOnlyList<RedactionBox> boxes, CancellationToken cancellationToken = default);
}
