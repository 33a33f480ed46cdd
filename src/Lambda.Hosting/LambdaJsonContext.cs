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
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
