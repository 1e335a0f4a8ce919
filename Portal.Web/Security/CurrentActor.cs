using Microsoft.AspNetCore.Components.Authorization;
using Portal.Core.Audit;

namespace Portal.Web.Security;

/// <summary>The signed-in user of an interactive page as an audit actor, with the address the page was opened from.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, RequestOrigin origin)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor(origin.IpAddress);
    }
}
