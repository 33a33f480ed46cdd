using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasks.Api.Web;

/// <summary>The page's own JSON: its sign-in settings, source-generated like every other answer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignInSettings))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
