using System.Text.Json.Serialization;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// The final report of one audit run, as written to <c>report.json</c>. It names who ran the audit
/// and with which session, but holds no credential of any kind.
/// </summary>
/// <param name="Gaps">Everything the audit could not see: the account block, unreadable buckets, missing parts.</param>
/// <param name="Buckets">One verdict per bucket scanned, ordered by batch, then by position in the batch.</param>
public sealed record AuditReport(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("runBy")] ReportRunBy RunBy,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("finishedAt")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("writtenAt")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("outcome")]
    [property: JsonConverter(typeof(JsonStringEnumConverter<AuditOutcome>))]
    AuditOutcome Outcome,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("counts")] VerdictCounts Counts,
    [property: JsonPropertyName("accountPublicAccessBlock")] ReportAccountBlock AccountBlock,
    [property: JsonPropertyName("batches")] ReportBatches Batches,
    [property: JsonPropertyName("gaps")] IReadOnlyList<string> Gaps,
    [property: JsonPropertyName("buckets")] IReadOnlyList<BucketVerdict> Buckets);

/// <summary>Who ran the audit: the assumed session, the agent behind it and the workflow run.</summary>
/// <param name="CallerArn">The session's ARN as GetCallerIdentity returned it; null when never verified.</param>
/// <param name="SourceIdentity">The agent id, set as the session's SourceIdentity.</param>
public sealed record ReportRunBy(
    [property: JsonPropertyName("callerArn")] string? CallerArn,
    [property: JsonPropertyName("roleArn")] string RoleArn,
    [property: JsonPropertyName("sessionName")] string SessionName,
    [property: JsonPropertyName("sourceIdentity")] string SourceIdentity,
    [property: JsonPropertyName("workflowId")] string WorkflowId,
    [property: JsonPropertyName("runId")] string RunId);

/// <summary>Account-level Block Public Access as read, or why it could not be.</summary>
public sealed record ReportAccountBlock(
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("flags")] PublicAccessBlockFlags? Flags,
    [property: JsonPropertyName("gap")] string? Gap);

/// <summary>How many batch parts were expected, found complete, found partial, or missing.</summary>
public sealed record ReportBatches(
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("complete")] int Complete,
    [property: JsonPropertyName("partial")] IReadOnlyList<int> Partial,
    [property: JsonPropertyName("missing")] IReadOnlyList<int> Missing);
