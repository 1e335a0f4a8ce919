namespace Portal.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that something in the background (the outbox worker, a live signal, another node) makes
/// true, looking again every few milliseconds: a test waits for what it expects, never for a time. The bound is
/// generous because the CI machine runs at a load of 10 or more; a test that meets its condition returns at once.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>The first non-null value <paramref name="read"/> returns; fails when none came within the bound.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, TimeSpan? within = null, string? what = null) where T : class
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? DefaultWithin);
        while (true)
        {
            if (await read() is { } value) return value;
            if (DateTimeOffset.UtcNow >= deadline)
                throw new TimeoutException($"Still nothing after {(within ?? DefaultWithin).TotalSeconds:0} s{(what is null ? "" : ": " + what)}.");
            await Task.Delay(Pause, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails when it did not within the bound.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null, string? what = null) =>
        await ValueAsync(async () => await condition() ? "" : null, within, what);

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan?, string?)"/>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? within = null, string? what = null) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);

    /// <summary>
    /// The result of <paramref name="task"/>, which something in the background completes (a handler that heard a
    /// signal, a fake server that was called); fails when it was not done within the bound.
    /// </summary>
    public static async Task<T> DoneAsync<T>(Task<T> task, TimeSpan? within = null, string? what = null)
    {
        try
        {
            return await task.WaitAsync(within ?? DefaultWithin, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not done after {(within ?? DefaultWithin).TotalSeconds:0} s{(what is null ? "" : ": " + what)}.");
        }
    }

    /// <inheritdoc cref="DoneAsync{T}(Task{T}, TimeSpan?, string?)"/>
    public static Task DoneAsync(Task task, TimeSpan? within = null, string? what = null) =>
        DoneAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), within, what);
}
