namespace AgentWorkflows.AwsFake;

/// <summary>One request the fake received, as written to <see cref="FakeAws.Requests"/>. Holds no secret.</summary>
/// <param name="Service"><c>sts</c>, <c>iam</c>, <c>s3</c> or <c>s3control</c>; <c>unknown</c> when unsigned.</param>
/// <param name="Action">Operation name, e.g. <c>AssumeRole</c>, <c>GetBucketAcl</c>, <c>PutObject</c>.</param>
/// <param name="AccessKeyId">Key id from the signature, when there was one.</param>
/// <param name="PrincipalArn">User or assumed-role ARN that signed; null when authentication failed.</param>
/// <param name="BucketName">Bucket the call addressed, when any.</param>
/// <param name="StatusCode">HTTP status answered.</param>
/// <param name="ErrorCode">Error code answered, null on success.</param>
/// <param name="At">Time of the fake clock when the request was answered.</param>
/// <param name="Key">Object key for object operations.</param>
public sealed record FakeRequestRecord(
    string Service,
    string Action,
    string? AccessKeyId,
    string? PrincipalArn,
    string? BucketName,
    int StatusCode,
    string? ErrorCode,
    DateTimeOffset At,
    string? Key = null);
