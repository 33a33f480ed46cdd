namespace Deployment.Tests;

/// <summary>
/// Just enough TOML for samconfig.toml: <c>[table.headers]</c> and <c>key = "string" | bool</c> lines.
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
                current[line[..separator].Trim()] = line[(separator + 1)..].Trim().Trim('"');
            }
        }

        return tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal);
    }
}
