namespace AgentWorkflows.Workflows.Contracts;

/// <summary>
/// The assumed session as the workflow sees it. The credentials travel only sealed (AES-GCM, key held
/// by the workers), so history, memo and logs never hold a key id, secret or token.
/// </summary>
/// <param name="RoleArn">The role that was assumed.</param>
/// <param name="SessionName">Role session name.</param>
/// <param name="AssumedRoleArn"><c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c> as STS returned it.</param>
/// <param name="ExpiresAt">When the credentials expire.</param>
/// <param name="SealedCredentials">Opaque, sealed credentials; only a worker can open them.</param>
public sealed record SessionHandle(
    string RoleArn,
    string SessionName,
    string AssumedRoleArn,
    DateTimeOffset ExpiresAt,
    string SealedCredentials);

/// <summary>Input of <see cref="ActivityNames.AssumeRole"/>.</summary>
public sealed record AssumeRoleInput(
    string RoleArn,
    string SessionName,
    string SourceIdentity,
    int DurationSeconds,
    IReadOnlyDictionary<string, string> SessionTags,
    string? ExternalId = null);

/// <summary>Input of <see cref="ActivityNames.VerifyIdentity"/>.</summary>
public sealed record VerifyIdentityInput(SessionHandle Session, string ExpectedArn);

/// <summary>What GetCallerIdentity said, with the session's credentials.</summary>
/// <param name="UserId">For an assumed role: <c>ROLEID:SESSIONNAME</c>; revocation keys on it.</param>
public sealed record CallerIdentity(string Arn, string Account, string UserId);

/// <summary>The four Block Public Access flags.</summary>
public sealed record PublicAccessBlockFlags(
    bool BlockPublicAcls,
    bool IgnorePublicAcls,
    bool BlockPublicPolicy,
    bool RestrictPublicBuckets)
{
    public static PublicAccessBlockFlags None { get; } = new(false, false, false, false);
}

/// <summary>Input of <see cref="ActivityNames.ReadAccountPublicAccessBlock"/>.</summary>
public sealed record AccountPublicAccessBlockInput(SessionHandle Session, string AccountId);

/// <summary>
/// Account-level Block Public Access: <see cref="Flags"/> when read (all false when none is set),
/// or null with <see cref="Gap"/> saying why it could not be read.
/// </summary>
public sealed record AccountPublicAccessBlock(PublicAccessBlockFlags? Flags, string? Gap);

/// <summary>Input of <see cref="ActivityNames.ListBucketsPage"/>.</summary>
public sealed record ListBucketsPageInput(
    SessionHandle Session,
    string? Prefix,
    string? ContinuationToken,
    int PageSize);

/// <summary>One page of bucket names; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record BucketPage(IReadOnlyList<string> BucketNames, string? ContinuationToken);

/// <summary>
/// Input of <see cref="ActivityNames.ScanBucketBatch"/>: audit these buckets and store their findings as
/// part <see cref="BatchIndex"/> of the run's report.
/// </summary>
public sealed record ScanBatchInput(
    SessionHandle Session,
    string AccountId,
    AccountPublicAccessBlock AccountBlock,
    int BatchIndex,
    IReadOnlyList<string> BucketNames,
    ReportDestination Report,
    string RunKey);

/// <summary>Outcome of one batch: counts and where its findings were stored.</summary>
public sealed record ScanBatchResult(int BatchIndex, VerdictCounts Counts, string PartLocation);

/// <summary>Input of <see cref="ActivityNames.WriteReport"/>.</summary>
/// <param name="RunKey">Stable key of the run (workflow id and run id); the report's path derives from it.</param>
/// <param name="BatchCount">How many batch parts were started; parts that were never written are skipped.</param>
public sealed record WriteReportInput(
    string RunKey,
    string WorkflowId,
    string RunId,
    string AccountId,
    string RoleArn,
    string AgentId,
    string SessionName,
    string? CallerArn,
    AuditOutcome Outcome,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int BatchCount,
    AccountPublicAccessBlock? AccountBlock,
    ReportDestination Report);

/// <summary>Where the report and its human summary were written.</summary>
public sealed record ReportLocation(string ReportUri, string SummaryUri, VerdictCounts Counts);

/// <summary>Input of <see cref="ActivityNames.RevokeSession"/>, run with the worker's own identity.</summary>
/// <param name="SessionUserId">
/// <c>ROLEID:SESSIONNAME</c> from GetCallerIdentity; null when verification never ran, in which case the
/// activity looks the role id up.
/// </param>
/// <param name="RunId">
/// The workflow run id every session of the run carries as its <c>agentworkflows:run-id</c> tag; when
/// given, the deny also requires that tag, so another run that shares a caller-supplied session name keeps
/// working. Null revokes every session with the name (the behaviour before the tag existed).
/// </param>
public sealed record RevokeSessionInput(
    string RoleArn,
    string SessionName,
    string? SessionUserId,
    DateTimeOffset ExpiresAt,
    string? RunId = null);

/// <summary>The deny that now blocks the session: the role's inline policy that holds it.</summary>
public sealed record RevocationRecord(string RoleName, string PolicyName);

/// <summary>Input of <see cref="ActivityNames.ProveRevoked"/>.</summary>
public sealed record ProveRevokedInput(SessionHandle Session);

/// <summary>The call the revoked session made and the error that denied it.</summary>
public sealed record RevocationProof(string DeniedCall, string ErrorCode);
