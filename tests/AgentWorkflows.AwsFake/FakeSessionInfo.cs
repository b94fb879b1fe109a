namespace AgentWorkflows.AwsFake;

/// <summary>What the fake stored for an AssumeRole session. Holds neither the secret nor the token.</summary>
/// <param name="AccessKeyId">The session's <c>ASIA…</c> key id.</param>
/// <param name="RoleArn">The role that was assumed.</param>
/// <param name="RoleId">The role's <c>AROA…</c> id.</param>
/// <param name="SessionName">RoleSessionName as given.</param>
/// <param name="UserId"><c>ROLEID:SESSIONNAME</c>.</param>
/// <param name="AssumedRoleArn"><c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>.</param>
/// <param name="IssuedAt">Fake-clock time of AssumeRole (aws:TokenIssueTime).</param>
/// <param name="Expiration">When the credentials stop working.</param>
/// <param name="SourceIdentity">SourceIdentity given or inherited in a role chain.</param>
/// <param name="Tags">Session tags.</param>
/// <param name="SessionPolicy">Inline session policy JSON, when given.</param>
/// <param name="IsChained">True when an assumed-role session called AssumeRole.</param>
public sealed record FakeSessionInfo(
    string AccessKeyId,
    string RoleArn,
    string RoleId,
    string SessionName,
    string UserId,
    string AssumedRoleArn,
    DateTimeOffset IssuedAt,
    DateTimeOffset Expiration,
    string? SourceIdentity,
    IReadOnlyDictionary<string, string> Tags,
    string? SessionPolicy,
    bool IsChained);
