namespace AgentWorkflows.AwsFake;

/// <summary>
/// Long-term access key of a seeded IAM user. Deconstructs as <c>(accessKeyId, secret)</c>. Its
/// <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="AccessKeyId">Key id, <c>AKIA</c> followed by 16 characters.</param>
/// <param name="SecretAccessKey">The 40-character secret.</param>
public sealed record FakeAccessKey(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>ARN of the user, <c>arn:aws:iam::ACCOUNT:user/NAME</c>.</summary>
    public required string UserArn { get; init; }

    /// <summary>Unique id of the user, <c>AIDA…</c>, as GetCallerIdentity returns it.</summary>
    public required string UserId { get; init; }

    /// <summary>Account the user belongs to.</summary>
    public required string AccountId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"FakeAccessKey {{ AccessKeyId = {AccessKeyId}, UserArn = {UserArn} }}";
}
