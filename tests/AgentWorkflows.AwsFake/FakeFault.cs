namespace AgentWorkflows.AwsFake;

/// <summary>
/// An error the fake returns instead of serving a matching call, after the caller was authenticated
/// and before it is authorized.
/// </summary>
/// <param name="Action">
/// Operation name as in <see cref="FakeRequestRecord.Action"/> (<c>GetBucketPolicy</c>, <c>AssumeRole</c>,
/// <c>PutRolePolicy</c>…), or <c>*</c> for every operation.
/// </param>
/// <param name="ErrorCode">Code to answer, e.g. <c>AccessDenied</c>, <c>SlowDown</c>, <c>ExpiredToken</c>.</param>
/// <param name="StatusCode">HTTP status to answer, e.g. 403, 503, 400.</param>
/// <param name="Bucket">Only calls on this bucket; null for any (and for calls without a bucket).</param>
/// <param name="Times">How many matching calls fail; null fails every matching call.</param>
/// <param name="Service">Only this service (<c>sts</c>, <c>iam</c>, <c>s3</c>, <c>s3control</c>); null for any.</param>
/// <param name="Message">Error message; a generic one naming the code when null.</param>
public sealed record FakeFault(
    string Action,
    string ErrorCode,
    int StatusCode,
    string? Bucket = null,
    int? Times = null,
    string? Service = null,
    string? Message = null);
