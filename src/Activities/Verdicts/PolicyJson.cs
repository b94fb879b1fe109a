using System.Text.Json;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>Policy element lookup. Element names are matched case-insensitively, the lenient reading.</summary>
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
}
