using System.Text.Json;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Policy element lookup and shape checks. Element names are matched case-insensitively, the lenient
/// reading; because of that, two keys that differ only in case count as the same element, and a key that
/// appears twice is reported instead of letting the first copy silently win (JsonDocument keeps both).
/// </summary>
internal static class PolicyJson
{
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The members of an object by case-insensitive name (first copy of each). Adds a problem for every
    /// duplicated name and, when <paramref name="known"/> is given, for every name not in it.
    /// </summary>
    public static Dictionary<string, JsonElement> Members(
        JsonElement element, string where, IReadOnlyCollection<string>? known, List<string> problems)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        var firstNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (firstNames.TryGetValue(property.Name, out var first))
            {
                problems.Add($"{where}: duplicate key \"{property.Name}\" (already given as \"{first}\"); " +
                    "which copy applies cannot be told");
                continue;
            }

            firstNames[property.Name] = property.Name;
            members[property.Name] = property.Value;
            if (known is not null && !known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: unknown element \"{property.Name}\" " +
                    $"(expected one of {string.Join(", ", known)})");
            }
        }

        return members;
    }

    /// <summary>
    /// Reads a value that must be a string or an array of strings; otherwise adds a problem naming the
    /// element and the type found, and returns null.
    /// </summary>
    public static string[]? Strings(JsonElement element, string where, string name, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: {name} is {KindOf(element)}, expected a string or an array of strings");
            return null;
        }

        var list = new List<string>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{where}: {name}[{index}] is {KindOf(item)}, expected a string");
                return null;
            }

            list.Add(item.GetString()!);
            index++;
        }

        return [.. list];
    }

    /// <summary>The JSON type of a value as a phrase: "a string", "an array", "null" ...</summary>
    public static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an undefined value",
    };
}
