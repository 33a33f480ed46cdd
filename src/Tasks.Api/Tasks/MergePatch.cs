using System.Text.Json.Nodes;

namespace Tasks.Api.Tasks;

/// <summary>JSON Merge Patch, RFC 7396 section 2: objects merge member by member, null removes, anything else replaces.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var existing = result[name];
                var merged = Apply(existing, value);
                if (!ReferenceEquals(merged, existing))
                {
                    result[name] = merged;
                }
            }
        }
        return result;
    }
}
