using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>How urgent a finding is, most urgent first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    Critical,
    High,
    Medium,
    Low,
    Info,
}
