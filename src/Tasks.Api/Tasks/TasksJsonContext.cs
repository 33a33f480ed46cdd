using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tasks.Api.Tasks;

/// <summary>Every type the feature serializes, generated at compile time: the only JSON metadata the app has (Native AOT parity).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskWriteRequest))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskPage))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
