using System.Security.Claims;
using System.Text.Encodings.Web;
using Lambda.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Tasks.Api.Security;

/// <summary>
/// In Lambda the HTTP API's JWT authorizer has already checked the token; this builds the user
/// from the claims it passed on. A request that carries none, or another issuer's, is refused:
/// defence in depth against a route deployed without the authorizer.
/// </summary>
internal sealed class ApiGatewayJwtHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiGatewayJwt";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var claims = Context.Features.Get<ILambdaInvocationFeature>()?.JwtClaims;
        if (claims is null || claims.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!claims.TryGetValue(OwnerClaims.Subject, out var subject) || !OwnerClaims.IsUsableSubject(subject))
        {
            return Task.FromResult(AuthenticateResult.Fail("The token has no usable subject (sub)."));
        }
        if (auth.Value.Issuer is { Length: > 0 } issuer && (!claims.TryGetValue("iss", out var iss) || iss != issuer))
        {
            return Task.FromResult(AuthenticateResult.Fail("The token is from another issuer."));
        }
        var identity = new ClaimsIdentity(
            claims.Select(c => new Claim(c.Key, c.Value)), SchemeName, OwnerClaims.Subject, roleType: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
