using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Whether a bucket is public in S3's sense. Serialised as <c>PUBLIC</c>, <c>NOT_PUBLIC</c> and
/// <c>UNKNOWN</c>, which the report and its readers rely on.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessVerdict>))]
public enum AccessVerdict
{
    /// <summary>A readable source proves public access and no Block Public Access setting removes it.</summary>
    [JsonStringEnumMemberName("PUBLIC")]
    Public,

    /// <summary>Every read succeeded and none of them grants public access that is still in force.</summary>
    [JsonStringEnumMemberName("NOT_PUBLIC")]
    NotPublic,

    /// <summary>A read was denied or failed, so public access can be neither proven nor ruled out.</summary>
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,
}
