using System.Globalization;
using System.Threading.RateLimiting;
using Lambda.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Platform.Security;

/// <summary>
/// Who may call (JWT or none), how often (per owner), from where (CORS), and the headers every answer carries.
/// Everything that differs between Kestrel and Lambda is decided here, once, at start.
/// </summary>
internal static class ApiSecurityRegistration
{
    public const string OwnerPolicy = "owner";

    public static IServiceCollection AddApiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<OwnerOptions>(configuration.GetSection(OwnerOptions.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        if (auth.Mode == AuthMode.None)
        {
            services.AddSingleton<IOwnerResolver, DefaultOwnerResolver>();
            services.AddAuthentication();
            services.AddAuthorizationBuilder().AddPolicy(OwnerPolicy, p => p.RequireAssertion(_ => true));
        }
        else
        {
            services.AddSingleton<IOwnerResolver, SubjectOwnerResolver>();
            if (LambdaHosting.IsLambda)
            {
                // The HTTP API's JWT authorizer checked the token and Lambda.Hosting made its claims the user: no scheme runs.
                services.AddAuthentication();
                services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnauthorizedResultHandler>();
            }
            else
            {
                // Issuer, audience and keys also bind from Authentication:Schemes:Bearer, where `dotnet user-jwts` writes them.
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                {
                    o.MapInboundClaims = false;
                    o.TokenValidationParameters.ClockSkew = AuthOptions.ClockSkew;
                    o.Events = new JwtBearerEvents
                    {
                        OnTokenValidated = context =>
                        {
                            if (!OwnerClaims.IsUsableSubject(context.Principal?.FindFirst(OwnerClaims.Subject)?.Value))
                            {
                                context.Fail("The token has no usable subject (sub).");
                            }
                            return Task.CompletedTask;
                        },
                    };
                    if (auth.Issuer is { Length: > 0 } issuer)
                    {
                        o.Authority = issuer;
                        o.TokenValidationParameters.ValidIssuer = issuer;
                        // The local development provider (tools/oidc) serves its metadata over http, on loopback only.
                        o.RequireHttpsMetadata = !new Uri(issuer).IsLoopback;
                    }
                    if (auth.Audience is { Length: > 0 } audience)
                    {
                        o.TokenValidationParameters.ValidAudience = audience;
                    }
                });
            }
            services.AddAuthorizationBuilder().AddPolicy(OwnerPolicy, p =>
            {
                p.RequireAuthenticatedUser().RequireClaim(OwnerClaims.Subject)
                    // Missing, empty, over-long or with control characters: no usable identity, so 401 on both paths.
                    .RequireAssertion(c => OwnerClaims.IsUsableSubject(c.User.FindFirst(OwnerClaims.Subject)?.Value));
                // Defence in depth against a route deployed without the authorizer, or one pointed at another issuer.
                if (auth.Issuer is { Length: > 0 } issuer)
                {
                    p.RequireClaim(OwnerClaims.Issuer, issuer);
                }
            });
        }

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.AddServerHeader = false;
            // Far above the 64 KiB a task body may have (checked with a clear answer where it is read), so
            // that no endpoint can be made to buffer more than this.
            o.Limits.MaxRequestBodySize = 1024 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });

        services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins(security.CorsOrigins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", IdempotencyHeaders.Key)
            .WithExposedHeaders("ETag", "Location", "Retry-After", IdempotencyHeaders.Replayed)));

        // In Lambda each instance serves one request at a time; the HTTP API stage throttles instead.
        var rateLimited = security.RateLimitEnabled && !LambdaHosting.IsLambda;
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!rateLimited)
                {
                    return RateLimitPartition.GetNoLimiter("none");
                }
                var key = context.User.FindFirst(OwnerClaims.Subject)?.Value ?? $"ip:{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = security.RateLimitBurst,
                    TokensPerPeriod = security.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Type = "https://tools.ietf.org/html/rfc6585#section-4",
                        Status = 429,
                        Title = "Too many requests.",
                        Detail = $"Slow down; retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// Headers every answer carries, set as the response starts so that they survive the exception
    /// handler, which clears the response before writing its problem. Goes first in the pipeline.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.GetEndpoint()?.Metadata.GetMetadata<PageContentPolicy>() is { } page)
                {
                    // The page and its assets: their own policy, and the caching their endpoint chose.
                    headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
                }
                else if (!context.Request.Path.StartsWithSegments("/swagger"))
                {
                    // API answers are data, never pages: no framing, no scripts, no caching of task data.
                    headers.CacheControl = "no-store";
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }

    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.Mode == AuthMode.None)
        {
            app.Logger.LogWarning("Authentication is off (Auth:Mode=None): every request acts as owner {Owner}. Never run this way in AWS.",
                app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OwnerOptions>>().Value.DefaultOwner);
        }
        return app;
    }
}
