using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LambdaEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lambda.Hosting.Tests;

/// <summary>A small app hosted by Lambda.Hosting and fed by an in-process Runtime API emulator.</summary>
public sealed class LambdaTestApp : IAsyncLifetime
{
    public const int LargeBodyBytes = 7 * 1024 * 1024;

    private readonly Action<IServiceCollection>? _services;
    private readonly Action<LambdaHostingOptions>? _options;
    private WebApplication? _app;

    public LambdaTestApp()
        : this(null, null, null)
    {
    }

    internal LambdaTestApp(RuntimeApiEmulatorOptions? emulator, Action<IServiceCollection>? services, Action<LambdaHostingOptions>? options)
    {
        Emulator = new RuntimeApiEmulator(emulator);
        _services = services;
        _options = options;
    }

    public RuntimeApiEmulator Emulator { get; }
    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");
    internal LambdaServer Server => (LambdaServer)App.Services.GetRequiredService<IServer>();
    public CapturingLoggerProvider Logs { get; } = new();
    public ConcurrentDictionary<string, TaskCompletionSource> Completed { get; } = new();

    public async Task InitializeAsync()
    {
        await Emulator.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddLambdaHosting(options =>
        {
            options.RuntimeApi = Emulator.Address;
            options.SetExitCodeOnFatalError = false;
            options.ReportUnhandledExceptions = false;
            _options?.Invoke(options);
        });
        _services?.Invoke(builder.Services);
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }

    public async Task<V2Response> InvokeAsync(string eventJson, InvocationOptions? options = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await Emulator.EnqueueAsync(eventJson, options, timeout.Token);
        Assert.False(result.IsError, result.Error?.Body);
        return new V2Response(result, JsonDocument.Parse(result.Response!).RootElement.Clone());
    }

    public Task<V2Response> InvokeFixtureAsync(string fixture, InvocationOptions? options = null) => InvokeAsync(Events.Json(fixture), options);

    private void Map(WebApplication app)
    {
        // Under /handled, an app's usual exception handler: it answers a cancelled RequestAborted with a bodiless 499.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/handled"), handled => handled.UseExceptionHandler(
            new ExceptionHandlerOptions { ExceptionHandler = c => c.Response.WriteAsync("handled") }));
        app.MapPost("/items", (Item item) => TypedResults.Ok(item with { Quantity = item.Quantity + 1 }));
        app.MapGet("/throw", string () => throw new InvalidOperationException("boom"));
        app.MapGet("/throw-after-start", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("partial");
            throw new InvalidOperationException("boom after start");
        });
        app.MapGet("/binary", () => TypedResults.Bytes(BinaryBody, "image/png"));
        app.MapGet("/gzip", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(BinaryBody, "application/json");
        });
        app.MapGet("/latin1", () => TypedResults.Text("café", "text/plain", Encoding.Latin1));
        app.MapGet("/invalid-utf8", () => TypedResults.Bytes(InvalidUtf8Body, "text/plain"));
        app.MapGet("/relaxed", () => TypedResults.Text(RelaxedBody, "application/json"));
        app.MapGet("/large-accented", () => TypedResults.Text(LargeAccentedBody, "application/json"));
        app.MapGet("/client-cert", (HttpContext context) =>
            context.Connection.ClientCertificate is { } certificate
                ? Results.Text($"{certificate.Subject}|{certificate.SerialNumber}")
                : Results.Text("<none>"));
        app.MapGet("/no-content", () => TypedResults.NoContent());
        app.MapGet("/not-modified", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"3\"";
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        });
        app.MapGet("/large", () => TypedResults.Text(new string('x', LargeBodyBytes), "text/plain"));
        app.MapGet("/empty", () => TypedResults.Ok());
        app.MapGet("/cookies", (HttpContext context) =>
        {
            context.Response.Cookies.Append("a", "1");
            context.Response.Cookies.Append("b", "2", new CookieOptions { HttpOnly = true, Path = "/" });
            return TypedResults.Text("ok");
        });
        app.MapGet("/slow", SlowAsync);
        app.MapGet("/handled/slow", SlowAsync);
        app.MapGet("/callbacks", (HttpContext context) =>
        {
            var id = context.Features.GetRequiredFeature<ILambdaInvocationFeature>().AwsRequestId;
            context.Response.OnStarting(() => { context.Response.Headers["X-On-Starting"] = "fired"; return Task.CompletedTask; });
            context.Response.OnCompleted(() => { Completed.GetOrAdd(id, _ => new()).TrySetResult(); return Task.CompletedTask; });
            return TypedResults.Text("callbacks");
        });
        app.MapGet("/claims", (HttpContext context) =>
            context.Features.GetRequiredFeature<ILambdaInvocationFeature>().JwtClaims.TryGetValue("sub", out var sub)
                ? Results.Text(sub)
                : Results.StatusCode(StatusCodes.Status401Unauthorized));
        app.MapGet("/trace", () => TypedResults.Text(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "<none>"));
        app.MapGet("/log", (ILogger<LambdaTestApp> logger) =>
        {
            logger.LogInformation("hello from the endpoint");
            return TypedResults.Text("logged");
        });
        app.MapGet("/sync-write", (HttpContext context) => context.Response.Body.Write("sync"u8));
        app.Map("/{**rest}", (Delegate)EchoAsync);
    }

    /// <summary>"café" in Latin-1 labelled text/plain without a charset: not UTF-8, so it cannot travel as a JSON string.</summary>
    public static readonly byte[] InvalidUtf8Body = [0x63, 0x61, 0x66, 0xE9];

    /// <summary>What the default encoder escapes and JSON does not require to: HTML-sensitive, non-ASCII and astral characters.</summary>
    public const string RelaxedBody = """{"text":"<b>l'été</b> & \"Q+A\" café 😀"}""";

    /// <summary>2.5 MB of accented, quoted JSON: under the 6 MB limit sent as-is, over it when every character is escaped.</summary>
    public static readonly string LargeAccentedBody = "[" + string.Join(',', Enumerable.Repeat("\"<é&à>\"", 2_500_000 / 10)) + "]";

    public static readonly byte[] BinaryBody = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE];

    private static async Task<Ok> SlowAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<IResult> EchoAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var invocation = context.Features.GetRequiredFeature<ILambdaInvocationFeature>();
        return TypedResults.Json(new Echo(
            request.Method,
            request.Scheme,
            request.Host.Value ?? "",
            request.PathBase.Value ?? "",
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? "").ToArray()),
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal),
            request.Cookies.ToDictionary(c => c.Key, c => c.Value),
            context.Connection.RemoteIpAddress?.ToString(),
            request.ContentLength,
            Convert.ToBase64String(body.ToArray()),
            invocation.AwsRequestId,
            invocation.ApiRequestId,
            invocation.Stage,
            invocation.Deadline,
            invocation.InvokedFunctionArn,
            invocation.TraceId,
            invocation.JwtClaims.ToDictionary(),
            invocation.Scopes.ToArray(),
            context.TraceIdentifier,
            context.User.Identity?.IsAuthenticated ?? false,
            context.User.Identity?.Name));
    }

    public sealed record Item(string Name, int Quantity);

    public sealed record Echo(
        string Method,
        string Scheme,
        string Host,
        string PathBase,
        string Path,
        string QueryString,
        string RawTarget,
        Dictionary<string, string[]> Query,
        Dictionary<string, string[]> Headers,
        Dictionary<string, string> Cookies,
        string? RemoteIp,
        long? ContentLength,
        string Body,
        string AwsRequestId,
        string ApiRequestId,
        string Stage,
        DateTimeOffset Deadline,
        string FunctionArn,
        string? TraceId,
        Dictionary<string, string> Claims,
        string[] Scopes,
        string TraceIdentifier,
        bool Authenticated,
        string? UserName);
}

/// <summary>A v2 response document as the emulator received it.</summary>
public sealed record V2Response(InvocationResult Raw, JsonElement Root)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public int StatusCode => Root.GetProperty("statusCode").GetInt32();
    public bool IsBase64Encoded => Root.TryGetProperty("isBase64Encoded", out var b) && b.GetBoolean();
    public string? Body => Root.TryGetProperty("body", out var b) ? b.GetString() : null;

    public string? Header(string name)
    {
        if (!Root.TryGetProperty("headers", out var headers))
        {
            return null;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.GetString();
            }
        }

        return null;
    }

    public string[] Cookies => Root.TryGetProperty("cookies", out var c) ? c.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    public T Json<T>() => JsonSerializer.Deserialize<T>(Body!, Web)!;

    public JsonElement Problem() => JsonDocument.Parse(Body!).RootElement.Clone();
}

/// <summary>
/// Records every log entry with the scope values active when it was written: merged (inner wins) and, as
/// the JSON console formatter writes them, one dictionary per scope (ASP.NET Core's Activity scope has its own TraceId).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception, Dictionary<string, object?> Scope, List<Dictionary<string, object?>> Scopes)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<Dictionary<string, object?>>();
            provider._scopes.ForEachScope(
                (value, target) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        target.Add(new Dictionary<string, object?>(pairs, StringComparer.Ordinal));
                    }
                },
                scopes);
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, item) in scopes.SelectMany(s => s))
            {
                scope[key] = item;
            }

            provider.Entries.Enqueue((category, logLevel, formatter(state, exception), exception, scope, scopes));
        }
    }
}
