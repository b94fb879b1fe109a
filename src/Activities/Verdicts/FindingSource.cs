using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>Which part of the bucket's configuration a finding comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSource>))]
public enum FindingSource
{
    BucketPolicy,
    BucketAcl,
    PolicyStatus,
}
