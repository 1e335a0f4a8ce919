using Microsoft.AspNetCore.Components;
using Portal.Core.Home;

namespace Portal.Web.Home;

/// <summary>
/// One card of a resident's home: it reads its own part through <see cref="ResidentHomeService"/>, so each card shows
/// as soon as its part arrives, and a part that fails says so in its card while the others stand. The part read while
/// prerendering is handed to the interactive render (PersistentComponentState), so the card neither reads twice nor
/// flashes back to "loading". A live card re-reads through <see cref="LiveAsync"/>, which re-renders this card only
/// (the live bus runs the handler in the reader's culture, whatever thread the signal came on).
/// </summary>
public abstract class GlanceCardBase<T> : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private PersistentComponentState? _state;
    private PersistingComponentStateSubscription? _persisting;

    [Inject] protected ResidentHomeService Home { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private ILoggerFactory Logs { get; set; } = default!;

    /// <summary>The signed-in resident's own account: the only one a card ever reads.</summary>
    [Parameter, EditorRequired] public long AccountId { get; set; }

    protected T? Value { get; set; }
    protected bool Loaded { get; private set; }
    protected bool Failed { get; private set; }

    /// <summary>Ends with the card, so a read still running when the resident leaves is abandoned.</summary>
    protected CancellationToken Closing => _closing.Token;

    /// <summary>Whether the part may be handed from the prerender to the interactive render as JSON.</summary>
    protected virtual bool Persist => true;

    private string StateKey => $"home-glance:{GetType().Name}";

    protected abstract Task<T> ReadAsync(CancellationToken ct);

    protected override async Task OnInitializedAsync()
    {
        if (Persist && (_state = Services.GetService<PersistentComponentState>()) is { } state)
        {
            _persisting = state.RegisterOnPersisting(() =>
            {
                if (Loaded && !Failed) state.PersistAsJson(StateKey, Value);
                return Task.CompletedTask;
            });
            if (Kept(state) is { } kept)
            {
                Value = kept;
                Loaded = true;
                await OnLoadedAsync();
                return;
            }
        }
        await LoadAsync();
    }

    /// <summary>The part the prerender kept, or null (none kept, or kept in a shape this build cannot read: read again).</summary>
    private T? Kept(PersistentComponentState state)
    {
        try
        {
            return state.TryTakeFromJson<T>(StateKey, out var kept) ? kept : default;
        }
        catch (System.Text.Json.JsonException)
        {
            return default;
        }
    }

    /// <summary>Reads the part again; a failure marks the card failed and is logged, never thrown to the page.</summary>
    protected async Task LoadAsync()
    {
        try
        {
            Value = await ReadAsync(Closing);
            Failed = false;
        }
        catch (OperationCanceledException) when (Closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Failed = true;
            Logs.CreateLogger(GetType()).LogWarning(e, "A card of a resident's home could not be read.");
        }
        Loaded = true;
        await OnLoadedAsync();
    }

    /// <summary>After each read: a live card subscribes to what it follows.</summary>
    protected virtual Task OnLoadedAsync() => Task.CompletedTask;

    /// <summary>
    /// For a live-bus callback: runs <paramref name="refresh"/> on this card's dispatcher and re-renders this card
    /// alone. A failure marks the card failed.
    /// </summary>
    protected Task LiveAsync(Func<Task> refresh) => InvokeAsync(async () =>
    {
        if (Closing.IsCancellationRequested) return;
        try
        {
            await refresh();
        }
        catch (OperationCanceledException) when (Closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Failed = true;
            Logs.CreateLogger(GetType()).LogWarning(e, "A live card of a resident's home could not be refreshed.");
        }
        StateHasChanged();
    });

    public virtual void Dispose()
    {
        _persisting?.Dispose();
        _closing.Cancel();
        GC.SuppressFinalize(this);
    }
}
