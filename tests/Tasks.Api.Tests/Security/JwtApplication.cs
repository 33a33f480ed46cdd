using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>
/// The app with Auth:Mode=Jwt, its issuer, audience and signing key set where `dotnet user-jwts`
/// puts them (Authentication:Schemes:Bearer), and tokens minted here to match or not.
/// </summary>
/// <summary>Auth:Mode=Jwt with the test issuer, audience and key, for any test application.</summary>
public sealed class JwtSettings
{
    public void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Mode", "Jwt");
        builder.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", JwtApplication.Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", JwtApplication.Audience);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", JwtApplication.Issuer);
        builder.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(JwtApplication.Key));
    }
}

public sealed class JwtApplication : TasksApplication
{
    public const string Issuer = "https://issuer.tasks.test";
    public const string Audience = "tasks-api";

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    protected override void Configure(IWebHostBuilder builder) => new JwtSettings().Apply(builder);

    /// <summary>A token for <paramref name="subject"/>; null leaves the <c>sub</c> claim out.</summary>
    public static string Token(string? subject, string issuer = Issuer, string audience = Audience, byte[]? key = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var notAfter = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(subject is null ? [new Claim("name", "no subject")] : [new Claim("sub", subject)]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notAfter.AddMinutes(-20),
            NotBefore = notAfter.AddMinutes(-20),
            Expires = notAfter,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    public HttpClient ClientFor(string subject)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(subject));
        return client;
    }
}
