namespace Portal.Core.Rules;

/// <summary>
/// A step the product's rules refuse (a ticket already served, a report already closed, a wallet that would go below
/// zero). <see cref="Key"/> is the resource key of the message the page shows in its reader's language. The one rule
/// exception of every capability: a domain object's guarded method throws it, a service turns it into a
/// <see cref="CommandResult{T}"/> refusal or lets it reach the page.
/// </summary>
public sealed class RuleException(string key) : InvalidOperationException(key)
{
    /// <summary>Resource key of the message to show.</summary>
    public string Key { get; } = key;
}
