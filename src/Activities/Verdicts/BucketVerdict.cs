using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// The verdict on one bucket as it goes into the report: the verdict, a one-line reason, the findings
/// with their evidence, the reads that could not be made, and S3's own policy status beside ours.
/// </summary>
/// <param name="Reason">One line that says why, naming the statement, grant or missing permission.</param>
/// <param name="Gaps">Reads that were denied or failed; any gap rules out NOT_PUBLIC.</param>
/// <param name="NeedsReview">True when GetBucketPolicyStatus disagrees with this engine's reading.</param>
/// <param name="ReviewReason">Why the bucket needs review; null when it does not.</param>
/// <param name="PolicyIsPublicByRules">
/// This engine's reading of the policy alone (before Block Public Access): true when a readable statement
/// is public; null when no readable statement is public but the policy or part of it could not be read.
/// </param>
/// <param name="PolicyStatusIsPublic">
/// What GetBucketPolicyStatus said; null when it could not be read or answered 404 (no policy to judge).
/// </param>
public sealed record BucketVerdict(
    [property: JsonPropertyName("bucketName")] string BucketName,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("verdict")] AccessVerdict Verdict,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("findings")] IReadOnlyList<Finding> Findings,
    [property: JsonPropertyName("gaps")] IReadOnlyList<EvidenceGap> Gaps,
    [property: JsonPropertyName("needsReview")] bool NeedsReview,
    [property: JsonPropertyName("reviewReason")] string? ReviewReason,
    [property: JsonPropertyName("policyIsPublicByRules")] bool? PolicyIsPublicByRules,
    [property: JsonPropertyName("policyStatusIsPublic")] bool? PolicyStatusIsPublic);

/// <summary>
/// One finding and its evidence. For a policy finding <see cref="StatementIndex"/> is the 0-based
/// position of the statement and <see cref="StatementId"/> its Sid (null without one); for an ACL
/// finding <see cref="Principal"/> is the grantee and <see cref="Actions"/> the ACL permission.
/// </summary>
/// <param name="Principal">
/// The principal as written (<c>*</c>, <c>AWS:*</c>, <c>NotPrincipal:...</c>, or the group URI).
/// </param>
/// <param name="Actions">The actions (or <c>NotAction:</c> entries) of the grant, as written.</param>
/// <param name="Rule">Which rule decided, for example the condition that pins the grant.</param>
/// <param name="NeutralisedKind">For <see cref="FindingKind.NeutralisedByBpa"/>: what it would be without BPA.</param>
public sealed record Finding(
    [property: JsonPropertyName("kind")] FindingKind Kind,
    [property: JsonPropertyName("severity")] FindingSeverity Severity,
    [property: JsonPropertyName("source")] FindingSource Source,
    [property: JsonPropertyName("statementIndex")] int? StatementIndex,
    [property: JsonPropertyName("statementId")] string? StatementId,
    [property: JsonPropertyName("principal")] string? Principal,
    [property: JsonPropertyName("actions")] IReadOnlyList<string> Actions,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("neutralisedKind")] FindingKind? NeutralisedKind = null);

/// <summary>
/// A read that could not be made. <see cref="Description"/> names the missing permission and what S3
/// answered, for example <c>s3:GetBucketPolicy denied (403)</c>.
/// </summary>
public sealed record EvidenceGap(
    [property: JsonPropertyName("permission")] string Permission,
    [property: JsonPropertyName("status")]
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReadStatus>))]
    ReadStatus Status,
    [property: JsonPropertyName("description")] string Description);
