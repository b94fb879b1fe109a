using System.Globalization;
using System.Text.Json;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>A parsed IAM policy, reduced to what the fake evaluates.</summary>
internal sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses a policy; throws <see cref="FormatException"/> with an IAM-like reason when malformed.</summary>
    public static PolicyDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new FormatException("Syntax errors in policy.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Syntax errors in policy.");
            }

            if (root.TryGetProperty("Version", out var version) &&
                version.GetString() is not ("2012-10-17" or "2008-10-17"))
            {
                throw new FormatException("The policy must contain a valid version string");
            }

            if (!root.TryGetProperty("Statement", out var statementElement))
            {
                throw new FormatException("Missing required field Statement");
            }

            var statements = statementElement.ValueKind switch
            {
                JsonValueKind.Object => [ParseStatement(statementElement)],
                JsonValueKind.Array => statementElement.EnumerateArray().Select(ParseStatement).ToList(),
                _ => throw new FormatException("Statement must be an object or an array of objects"),
            };
            return new PolicyDocument(statements);
        }
    }

    private static PolicyStatement ParseStatement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Statement must be an object or an array of objects");
        }

        var effect = element.TryGetProperty("Effect", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()
            : null;
        if (effect is not ("Allow" or "Deny"))
        {
            throw new FormatException("Missing or invalid Effect: it must be Allow or Deny");
        }

        var actions = StringList(element, "Action");
        var notActions = StringList(element, "NotAction");
        if (actions is null && notActions is null)
        {
            throw new FormatException("Policy statement must contain actions.");
        }

        var conditions = new List<PolicyCondition>();
        var hasCondition = element.TryGetProperty("Condition", out var conditionElement);
        if (hasCondition)
        {
            if (conditionElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Condition must be an object");
            }

            foreach (var op in conditionElement.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"Condition operator {op.Name} must map keys to values");
                }

                foreach (var key in op.Value.EnumerateObject())
                {
                    conditions.Add(new PolicyCondition(op.Name, key.Name, Values(key.Value, "Condition value")));
                }
            }
        }

        return new PolicyStatement(effect == "Allow", actions, notActions, conditions, hasCondition,
            IsPublicPrincipal(element));
    }

    private static bool IsPublicPrincipal(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return false;
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*";
        }

        return principal.ValueKind == JsonValueKind.Object &&
            principal.TryGetProperty("AWS", out var aws) &&
            Values(aws, "Principal").Contains("*");
    }

    private static List<string>? StringList(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Values(value, name) : null;

    private static List<string> Values(JsonElement value, string what) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [value.GetRawText()],
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => throw new FormatException($"{what} must hold strings"),
        }).ToList(),
        _ => throw new FormatException($"{what} must be a string or an array of strings"),
    };
}

/// <summary>One statement: effect, actions and conditions (resources are not evaluated).</summary>
internal sealed record PolicyStatement(
    bool IsAllow,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<PolicyCondition> Conditions,
    bool HasCondition,
    bool HasPublicPrincipal)
{
    public bool MatchesAction(string action) =>
        Actions is not null
            ? Actions.Any(a => Glob.IsMatch(a, action, ignoreCase: true))
            : !NotActions!.Any(a => Glob.IsMatch(a, action, ignoreCase: true));

    /// <summary>All conditions hold for the request's context keys (keys compared case-insensitively).</summary>
    public bool ConditionsHold(IReadOnlyDictionary<string, string> context) =>
        Conditions.All(c => c.Holds(context));
}

/// <summary>One operator/key/values triple of a Condition block.</summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public bool Holds(IReadOnlyDictionary<string, string> context)
    {
        var op = Operator.EndsWith("IfExists", StringComparison.Ordinal) ? Operator[..^"IfExists".Length] : Operator;
        if (!context.TryGetValue(Key, out var actual))
        {
            return Operator.EndsWith("IfExists", StringComparison.Ordinal) ||
                op.StartsWith("StringNot", StringComparison.Ordinal);
        }

        return op switch
        {
            "StringEquals" => Values.Any(v => string.Equals(v, actual, StringComparison.Ordinal)),
            "StringNotEquals" => !Values.Any(v => string.Equals(v, actual, StringComparison.Ordinal)),
            "StringEqualsIgnoreCase" => Values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
            "StringNotEqualsIgnoreCase" =>
                !Values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
            "StringLike" => Values.Any(v => Glob.IsMatch(v, actual, ignoreCase: false)),
            "StringNotLike" => !Values.Any(v => Glob.IsMatch(v, actual, ignoreCase: false)),
            "DateLessThan" => CompareDates(actual, (a, v) => a < v),
            "DateLessThanEquals" => CompareDates(actual, (a, v) => a <= v),
            "DateGreaterThan" => CompareDates(actual, (a, v) => a > v),
            "DateGreaterThanEquals" => CompareDates(actual, (a, v) => a >= v),
            _ => false,
        };
    }

    private bool CompareDates(string actual, Func<DateTimeOffset, DateTimeOffset, bool> compare)
    {
        if (!TryParseDate(actual, out var actualDate))
        {
            return false;
        }

        return Values.Any(v => TryParseDate(v, out var limit) && compare(actualDate, limit));
    }

    private static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            value = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
