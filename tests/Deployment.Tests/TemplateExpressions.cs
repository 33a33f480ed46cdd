using System.Text.Json;

namespace Deployment.Tests;

/// <summary>
/// Evaluates the condition functions CloudFormation allows in <c>Conditions</c> and <c>Rules</c>
/// (<c>Fn::Equals</c>, <c>Fn::Not</c>, <c>Fn::And</c>, <c>Fn::Or</c>, <c>Condition</c>, <c>Ref</c> to a parameter)
/// for a given set of parameter values, so tests can check what a deploy with those values would do.
/// </summary>
internal sealed class TemplateExpressions
{
    private readonly JsonElement _template;
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);

    public TemplateExpressions(JsonElement template, IReadOnlyDictionary<string, string> overrides)
    {
        _template = template;
        foreach (var parameter in template.GetProperty("Parameters").EnumerateObject())
        {
            _parameters[parameter.Name] = parameter.Value.TryGetProperty("Default", out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
                : throw new InvalidOperationException($"parameter {parameter.Name} has no default; pass it in overrides");
        }

        foreach (var (name, value) in overrides)
        {
            Assert.True(_parameters.ContainsKey(name), $"no parameter {name} in the template");
            _parameters[name] = value;
        }
    }

    /// <summary>The <c>AssertDescription</c> of every rule assertion that fails for these parameters.</summary>
    public IReadOnlyList<string> FailedRuleAssertions()
    {
        var failed = new List<string>();
        foreach (var rule in _template.GetProperty("Rules").EnumerateObject())
        {
            if (rule.Value.TryGetProperty("RuleCondition", out var condition) && !IsTrue(condition))
            {
                continue;
            }

            failed.AddRange(rule.Value.GetProperty("Assertions").EnumerateArray()
                .Where(a => !IsTrue(a.GetProperty("Assert")))
                .Select(a => a.GetProperty("AssertDescription").GetString()!));
        }

        return failed;
    }

    public bool Condition(string name) => IsTrue(_template.GetProperty("Conditions").GetProperty(name));

    /// <summary>Resolves <c>Fn::If</c> (and <c>Ref</c> to a parameter) down to a value; other values pass through.</summary>
    public JsonElement Resolve(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::If", out var fnIf))
        {
            return Resolve(Condition(fnIf[0].GetString()!) ? fnIf[1] : fnIf[2]);
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Ref", out var reference)
            && _parameters.TryGetValue(reference.GetString()!, out var parameter))
        {
            return JsonSerializer.SerializeToElement(parameter);
        }

        return value;
    }

    private bool IsTrue(JsonElement expression)
    {
        var function = Assert.Single(expression.EnumerateObject());
        return function.Name switch
        {
            "Fn::Equals" => Value(function.Value[0]) == Value(function.Value[1]),
            "Fn::Not" => !IsTrue(function.Value[0]),
            "Fn::And" => function.Value.EnumerateArray().All(IsTrue),
            "Fn::Or" => function.Value.EnumerateArray().Any(IsTrue),
            "Condition" => Condition(function.Value.GetString()!),
            _ => throw new NotSupportedException($"{function.Name} in a condition"),
        };
    }

    private string Value(JsonElement operand) => operand.ValueKind switch
    {
        JsonValueKind.String => operand.GetString()!,
        JsonValueKind.Object when operand.TryGetProperty("Ref", out var name) => _parameters[name.GetString()!],
        _ => throw new NotSupportedException($"operand {operand.GetRawText()}"),
    };
}
