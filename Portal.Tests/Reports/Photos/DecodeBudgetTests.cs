using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;
using SkiaSharp;

namespace Portal.Tests.Reports.Photos;

/// <summary>Decodes wait for room under the memory ceiling instead of all decoding at once.</summary>
public sealed class DecodeBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_that_does_not_fit_waits_until_enough_is_given_back_and_waiters_go_in_order()
    {
        var budget = new DecodeBudget(100);
        var first = await budget.AcquireAsync(60, Ct);
        var big = budget.AcquireAsync(70, Ct);
        var small = budget.AcquireAsync(10, Ct); // would fit now, but a larger one waits before it

        Assert.False(big.IsCompleted);
        Assert.False(small.IsCompleted);
        Assert.Equal(2, budget.Waiting);

        first.Dispose();
        using var bigLease = await big;
        using var smallLease = await small;
        Assert.Equal(80, budget.InFlightBytes);
        Assert.True(budget.PeakBytes <= 100);
    }

    [Fact]
    public async Task A_cancelled_wait_holds_nothing_and_lets_the_ones_behind_it_through()
    {
        var budget = new DecodeBudget(100);
        var held = await budget.AcquireAsync(90, Ct);
        using var cancel = new CancellationTokenSource();
        var large = budget.AcquireAsync(50, cancel.Token);
        var small = budget.AcquireAsync(10, Ct);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large);
        using (await small) Assert.Equal(100, budget.InFlightBytes);
        held.Dispose();
        Assert.Equal(0, budget.InFlightBytes);
    }

    [Fact]
    public async Task A_request_larger_than_the_ceiling_runs_alone()
    {
        var budget = new DecodeBudget(100);
        var other = await budget.AcquireAsync(1, Ct);
        var huge = budget.AcquireAsync(500, Ct);
        Assert.False(huge.IsCompleted);
        other.Dispose();
        using (await huge) Assert.Equal(100, budget.InFlightBytes);
    }

    [Fact]
    public async Task Many_photos_processed_at_once_never_hold_more_pixels_than_the_ceiling()
    {
        // Each 2,000 x 1,500 PNG holds 12 MB while decoded; the ceiling lets one through at a time, though the
        // processor would decode one per core.
        var budget = new DecodeBudget(DecodeBudget.BytesFor(2000, 1500));
        var processor = new SkiaPhotoProcessor(budget: budget);
        using var bitmap = new SKBitmap(2000, 1500);
        bitmap.Erase(SKColors.SteelBlue);
        var png = TestImages.Png(bitmap);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => processor.ProcessAsync(new MemoryStream(png), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(DecodeBudget.BytesFor(2000, 1500), budget.PeakBytes);
        Assert.Equal(0, budget.InFlightBytes);
    }
}
