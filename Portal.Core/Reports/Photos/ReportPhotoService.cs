using FluentValidation.Results;
using Portal.Core.Geography;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Photos;

/// <summary>A file a resident chose: its name and size as the browser gives them, and a way to read at most so many bytes of it.</summary>
public sealed record PhotoUpload(string FileName, long Size, Func<long, Stream> OpenRead);

/// <summary>A photo added to a draft: what the draft keeps, and its thumbnail for the form's preview.</summary>
public sealed record AddedPhoto(NewPhoto Photo, byte[] Thumbnail);

/// <summary>
/// What choosing photos did: those added, in order; where the last photo carrying GPS was taken (offered as the place);
/// and the place the draft should take, when it had none and a photo was taken inside the city.
/// </summary>
public sealed record PhotosAdded(IReadOnlyList<AddedPhoto> Photos, GeoPoint? TakenAt, GeoPoint? PlaceDraftAt);

/// <summary>
/// The report form's photos: each chosen file is held to <see cref="PhotoRules"/> (how many a report carries, the file's
/// size before a byte is read), checked and made safe by <see cref="IPhotoProcessor"/>, kept in <see cref="IPhotoStore"/>
/// and added to the draft. A refused file is named with the reason's resource key (the field is the file's name; none
/// when the draft is full) and the files after it are still tried. Every kept photo goes on <see cref="IPhotoUploadLog"/>
/// until its report is submitted, so one never submitted is deleted by the retention run.
/// </summary>
public sealed class ReportPhotoService(IPhotoProcessor processor, IPhotoStore store, IPhotoUploadLog uploads, TimeProvider time)
{
    public async Task<CommandResult<PhotosAdded>> AddAsync(ReportDraft draft, IReadOnlyList<PhotoUpload> uploads, CancellationToken ct)
    {
        var added = new List<AddedPhoto>();
        var refused = new List<ValidationFailure>();
        GeoPoint? takenAt = null, placeAt = null;
        foreach (var upload in uploads)
        {
            if (draft.Photos.Count >= PhotoRules.MaxPhotosPerReport)
            {
                refused.Add(new ValidationFailure("", ReportValidationKeys.TooManyPhotos));
                break;
            }
            if (upload.Size > PhotoRules.MaxBytes)
            {
                refused.Add(new ValidationFailure(upload.FileName, PhotoProblem.TooLarge.ResourceKey()));
                continue;
            }
            using var buffer = new MemoryStream();
            await using (var file = upload.OpenRead(PhotoRules.MaxBytes))
                await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            var result = await processor.ProcessAsync(buffer, ct);
            if (!result.Succeeded)
            {
                refused.Add(new ValidationFailure(upload.FileName, result.Problem.Value.ResourceKey()));
                continue;
            }
            var photo = new NewPhoto(await KeepAsync(result.Photo, ct), result.Photo.Width, result.Photo.Height);
            draft.Photos.Add(photo);
            added.Add(new AddedPhoto(photo, result.Photo.Thumbnail));
            if (result.Photo.Location is { } gps)
            {
                takenAt = new GeoPoint(gps.Latitude, gps.Longitude);
                if (draft.Location is null && placeAt is null && CityArea.Contains(takenAt.Value)) placeAt = takenAt;
            }
        }
        return CommandResult<PhotosAdded>.Partly(new PhotosAdded(added, takenAt, placeAt), refused);
    }

    /// <summary>Stores the photo and logs it as an upload; a photo the log could not take is not kept either.</summary>
    private async Task<string> KeepAsync(ProcessedPhoto photo, CancellationToken ct)
    {
        var key = await store.SaveAsync(photo, ct);
        try
        {
            await uploads.RecordAsync(key, time.GetUtcNow(), ct);
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return key;
    }

    /// <summary>A kept photo's thumbnail, for the preview of a draft restored from the phone; null when it is gone.</summary>
    public async Task<byte[]?> ThumbnailAsync(string storageKey, CancellationToken ct)
    {
        await using var thumbnail = await store.OpenReadAsync(storageKey, PhotoVersion.Thumbnail, ct);
        if (thumbnail is null) return null;
        using var bytes = new MemoryStream();
        await thumbnail.CopyToAsync(bytes, ct);
        return bytes.ToArray();
    }

    /// <summary>Takes a photo out of the draft and deletes what was kept of it.</summary>
    public async Task RemoveAsync(ReportDraft draft, NewPhoto photo, CancellationToken ct)
    {
        draft.Photos.Remove(photo);
        await store.DeleteAsync(photo.StorageKey, ct);
        await uploads.ForgetAsync(photo.StorageKey, ct);
    }

    /// <summary>Deletes every photo of a draft that will not be submitted (the resident supports a report like it instead).</summary>
    public async Task DiscardAsync(ReportDraft draft, CancellationToken ct)
    {
        foreach (var photo in draft.Photos)
        {
            await store.DeleteAsync(photo.StorageKey, ct);
            await uploads.ForgetAsync(photo.StorageKey, ct);
        }
        draft.Photos.Clear();
    }
}
