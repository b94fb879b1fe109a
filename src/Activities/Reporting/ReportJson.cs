using System.Text.Json;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>How report objects are written and read: indented UTF-8 JSON, names as the records give them.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
