using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tasks.Api.Platform.Http;

/// <summary>Type metadata from the options' resolvers (the source-generated context first): no reflection, safe for Native AOT.</summary>
internal static class JsonOptionsExtensions
{
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
