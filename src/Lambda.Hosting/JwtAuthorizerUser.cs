using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Lambda.Hosting;

/// <summary>
/// Makes the HTTP API JWT authorizer's claims the request's <c>HttpContext.User</c>: an authenticated principal
/// (authentication type <see cref="AuthenticationType"/>, name claim <c>sub</c>), so an app needs no authentication
/// handler of its own in Lambda. Without claims the user stays anonymous.
/// </summary>
internal static class JwtAuthorizerUser
{
    public const string AuthenticationType = "ApiGatewayJwtAuthorizer";

    public static void Attach(IFeatureCollection features, IReadOnlyDictionary<string, string> claims)
    {
        if (claims.Count == 0)
        {
            return;
        }
        var identity = new ClaimsIdentity(claims.Select(c => new Claim(c.Key, c.Value)), AuthenticationType, "sub", roleType: null);
        features.Set<IHttpAuthenticationFeature>(new HttpAuthenticationFeature { User = new ClaimsPrincipal(identity) });
    }
}
