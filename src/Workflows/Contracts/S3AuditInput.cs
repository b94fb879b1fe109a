using System.Text.Json.Serialization;

namespace AgentWorkflows.Workflows.Contracts;

/// <summary>
/// Input of <c>S3AuditWorkflow</c>. Agents in any language start the workflow by type name with this
/// object as JSON (camelCase names, as given by the attributes). It carries no secret: credentials are
/// the worker's, and an OIDC token is read by the worker, never passed here.
/// </summary>
/// <param name="AccountId">12-digit AWS account to audit.</param>
/// <param name="RoleArn">Audit role in that account, <c>arn:aws:iam::ACCOUNT:role/NAME</c>.</param>
/// <param name="AgentId">Which agent asks; becomes the session's SourceIdentity and a session tag.</param>
/// <param name="Report">Where the final report goes.</param>
/// <param name="ExternalId">Optional external id the role's trust policy requires.</param>
/// <param name="SessionDurationSeconds">900 to 3600; 900 when absent.</param>
/// <param name="BucketPrefix">Only buckets whose names start with this are audited.</param>
/// <param name="RoleSessionName">
/// Optional caller-chosen session name; validated, never rewritten. When absent the name is derived
/// from the workflow id and run id, so each run's sessions can be revoked without touching others.
/// </param>
public sealed record S3AuditInput(
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("roleArn")] string RoleArn,
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("report")] ReportDestination Report,
    [property: JsonPropertyName("externalId")] string? ExternalId = null,
    [property: JsonPropertyName("sessionDurationSeconds")] int? SessionDurationSeconds = null,
    [property: JsonPropertyName("bucketPrefix")] string? BucketPrefix = null,
    [property: JsonPropertyName("roleSessionName")] string? RoleSessionName = null);

/// <summary>
/// Where reports go: an S3 bucket and key prefix, or (for development) a local directory on the
/// worker. Exactly one of <see cref="Bucket"/> and <see cref="LocalDirectory"/> is set.
/// </summary>
public sealed record ReportDestination(
    [property: JsonPropertyName("bucket")] string? Bucket = null,
    [property: JsonPropertyName("keyPrefix")] string? KeyPrefix = null,
    [property: JsonPropertyName("localDirectory")] string? LocalDirectory = null);
