using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using Portal.Core.Accounts;

namespace Portal.Web.Security;

/// <summary>
/// Ends sessions whose account was disabled, deleted or whose password or two-factor setting changed. HTTP requests
/// check the account's stamp (cached for SessionCheckSeconds); a change ends them at once through
/// <see cref="Forget(long)"/>, which signals every node over the live bus (Redis across nodes): each node drops its
/// cached stamp, and each open interactive page of the account checks again and, when it is no longer current, turns
/// anonymous, which sends it to the sign-in page and ends its circuit. The periodic revalidation stays as a fallback
/// for a lost signal.
/// </summary>
public sealed class SessionValidator : IDisposable
{
    public const string Topic = "account-sessions";

    private readonly AccountService _accounts;
    private readonly IMemoryCache _cache;
    private readonly IOptions<Hosting.SecurityOptions> _options;
    private readonly Live.ILiveBus _bus;
    private readonly ILogger<SessionValidator> _logger;
    private readonly IDisposable _subscription;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Func<long, Task>> _listeners = new();

    public SessionValidator(AccountService accounts, IMemoryCache cache, IOptions<Hosting.SecurityOptions> options, Live.ILiveBus bus,
        ILogger<SessionValidator> logger)
    {
        (_accounts, _cache, _options, _bus, _logger) = (accounts, cache, options, bus, logger);
        _subscription = bus.Subscribe(Topic, OnSignalAsync);
    }

    // The cache holds each account's current stamp (empty when it may not sign in), not a verdict per session: so a
    // change drops one entry and every session of the account is checked again.
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.AccountId() is not { } id || user.FindFirstValue(PortalClaims.Stamp) is not { } stamp) return false;
        var key = Key(id);
        if (!_cache.TryGetValue(key, out string? current))
        {
            current = await _accounts.CurrentStampAsync(id, ct) ?? "";
            var cacheFor = TimeSpan.FromSeconds(_options.Value.SessionCheckSeconds);
            if (cacheFor > TimeSpan.Zero) _cache.Set(key, current, cacheFor);
        }
        return !string.IsNullOrEmpty(current) && current == stamp;
    }

    /// <summary>Ends the sessions of this principal's account that are no longer current (a just-deleted account).</summary>
    public void Forget(ClaimsPrincipal user)
    {
        if (user.AccountId() is { } id) Forget(id);
    }

    /// <summary>
    /// After an account's password, two-factor setting or access changed: drops its cached stamp here at once, and
    /// tells every node to drop it and to check the account's open pages.
    /// </summary>
    public void Forget(long accountId)
    {
        _cache.Remove(Key(accountId));
        _bus.Publish(Topic, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Calls <paramref name="listener"/> with the account whenever its sessions are to be checked, until disposed.</summary>
    public IDisposable OnSessionsChanged(Func<long, Task> listener)
    {
        var token = new object();
        _listeners[token] = listener;
        return new Registration(() => _listeners.TryRemove(token, out _));
    }

    private async Task OnSignalAsync(string? payload)
    {
        if (!long.TryParse(payload, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) return;
        _cache.Remove(Key(id));
        foreach (var listener in _listeners.Values)
        {
            try
            {
                await listener(id);
            }
            catch (Exception e) when (e is InvalidOperationException or JSDisconnectedException or ObjectDisposedException)
            {
                // One circuit that is starting, gone or closing must not keep the signal from the others; the one-minute
                // revalidation still covers it.
                _logger.LogDebug(e, "A circuit could not check its session after account {AccountId} changed.", id);
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private static string Key(long accountId) => "session-stamp:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity?.IsAuthenticated != true) return;
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (!await validator.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

/// <summary>
/// An interactive page's authentication: checked again when its account's sessions change (a signal from any node,
/// through <see cref="SessionEndCircuitHandler"/>) and, as a fallback, every minute; a session no longer current
/// becomes anonymous, and the router sends the page to sign-in, which ends its circuit.
/// </summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await validator.IsCurrentAsync(state.User, ct);

    /// <summary>
    /// Turns the page anonymous when it belongs to the account and its session is no longer current; true when it did.
    /// </summary>
    public async Task<bool> EndIfNoLongerCurrentAsync(long accountId)
    {
        var state = await GetAuthenticationStateAsync();
        if (state.User.AccountId() != accountId || await validator.IsCurrentAsync(state.User, CancellationToken.None)) return false;
        SetAuthenticationState(Task.FromResult(Anonymous));
        return true;
    }
}

/// <summary>
/// Listens, for one circuit while it is open, to the changes of its account's sessions. A circuit handler, so that
/// only interactive pages listen: a request being rendered on the server ends with its response anyway.
/// </summary>
public sealed class SessionEndCircuitHandler(SessionValidator validator, AuthenticationStateProvider authentication, NavigationManager navigation,
    RoutedCircuit routed) : CircuitHandler, IDisposable
{
    private IDisposable? _registration;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        if (authentication is RevalidatingSessionStateProvider provider)
            _registration = validator.OnSessionsChanged(async accountId =>
            {
                if (!await provider.EndIfNoLongerCurrentAsync(accountId) || routed.HasRouter) return;
                // A whole page load to sign-in ends the circuit. The router does it for a page it guards; an island of
                // a static page (the report form, the points forms) has no router above it and kept its account.
                var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
                navigation.NavigateTo("/account/signin?returnUrl=" + Uri.EscapeDataString(here), forceLoad: true);
            });
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref _registration, null)?.Dispose();
}

/// <summary>Whether this circuit renders a whole page under the portal's router (set by Routes), or an island of a static page.</summary>
public sealed class RoutedCircuit
{
    public bool HasRouter { get; set; }
}
