using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Tasks.Api.Platform.Security;

/// <summary>
/// In Lambda no authentication scheme runs (the hosting layer sets the user from the JWT authorizer's claims), so
/// there is no scheme to challenge: a request the owner policy refuses (no claims, another issuer) is answered 401 here.
/// </summary>
internal sealed class UnauthorizedResultHandler : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
