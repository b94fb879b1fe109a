using System.Text.Json.Serialization;

namespace AgentWorkflows.Workflows.Contracts;

/// <summary>Final status of an audit run, as the report records it.</summary>
public enum AuditOutcome
{
    /// <summary>Every bucket got a PUBLIC or NOT_PUBLIC verdict.</summary>
    Succeeded,

    /// <summary>The audit finished, but some verdicts are UNKNOWN (a read was denied or failed).</summary>
    SucceededWithGaps,

    /// <summary>The audit stopped on an error; the report holds what was found before it.</summary>
    Failed,

    /// <summary>The workflow was cancelled; the report holds the partial findings.</summary>
    Cancelled,
}

/// <summary>Bucket counts per verdict.</summary>
public sealed record VerdictCounts(
    [property: JsonPropertyName("public")] int Public,
    [property: JsonPropertyName("notPublic")] int NotPublic,
    [property: JsonPropertyName("unknown")] int Unknown)
{
    public static VerdictCounts Zero { get; } = new(0, 0, 0);

    [JsonIgnore]
    public int Total => Public + NotPublic + Unknown;

    public VerdictCounts Add(VerdictCounts other) =>
        new(Public + other.Public, NotPublic + other.NotPublic, Unknown + other.Unknown);
}

/// <summary>
/// Result of <c>S3AuditWorkflow</c>: counts and where the full report is. Findings themselves stay in
/// the report object so that no payload grows with the account.
/// </summary>
public sealed record S3AuditResult(
    [property: JsonPropertyName("outcome")] AuditOutcome Outcome,
    [property: JsonPropertyName("counts")] VerdictCounts Counts,
    [property: JsonPropertyName("reportLocation")] string ReportLocation,
    [property: JsonPropertyName("summaryLocation")] string SummaryLocation,
    [property: JsonPropertyName("sessionName")] string SessionName,
    [property: JsonPropertyName("revocation")] string Revocation);
