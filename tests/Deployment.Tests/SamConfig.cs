namespace Deployment.Tests;

/// <summary>
/// Just enough TOML for samconfig.toml: <c>[table.headers]</c> and <c>key = "string" | bool</c> lines, with the
/// escapes <c>sam deploy --guided</c> writes (<c>parameter_overrides = "Stage=\"dev\""</c>).
/// </summary>
internal static class SamConfig
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Parse(string toml)
    {
        var tables = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var current = tables[""] = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var rawLine in toml.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = tables[line[1..^1].Trim()] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var separator = line.IndexOf('=');
            if (separator > 0)
            {
                current[line[..separator].Trim()] = Value(line[(separator + 1)..].Trim());
            }
        }

        return tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal);
    }

    /// <summary>A basic string unquoted and unescaped; anything else (true, 0.1) as written.</summary>
    private static string Value(string raw) =>
        raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"'
            ? raw[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : raw;

    /// <summary><c>Name=value</c> pairs of a parameter_overrides string, values unquoted as SAM reads them.</summary>
    public static Dictionary<string, string> Overrides(string parameterOverrides) =>
        parameterOverrides.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'), StringComparer.Ordinal);
}
