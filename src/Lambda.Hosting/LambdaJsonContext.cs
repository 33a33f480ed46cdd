using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lambda.Hosting.HttpApiV2;
using Lambda.Hosting.RuntimeApi;

namespace Lambda.Hosting;

// Source generated: no reflection on the hot path, safe for trimming and Native AOT.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiV2Request))]
[JsonSerializable(typeof(HttpApiV2Response))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For documents read by API Gateway, never by a browser: the default encoder's HTML-safe escaping of
    /// <c>&lt; &gt; &amp; ' + "</c> and of everything outside ASCII only inflates the payload (up to sixfold)
    /// toward Lambda's 6 MB limit. The relaxed encoder escapes what JSON requires plus characters outside the
    /// Basic Multilingual Plane, which it writes as a surrogate-pair escape (12 bytes for 4 UTF-8 bytes).
    /// </summary>
    public static LambdaJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
