namespace AgentWorkflows.Benchmark;

/// <summary>
/// The seeded fake account a mode runs against: its endpoint on 127.0.0.1, the worker user's key and
/// the audit role. Its <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="Endpoint">The fake's base address; every service (STS, IAM, S3, S3 Control) answers there.</param>
/// <param name="AccountId">The audited account.</param>
/// <param name="RoleArn">The audit role the worker user may assume.</param>
/// <param name="WorkerAccessKeyId">The worker user's key id.</param>
/// <param name="WorkerSecretKey">The worker user's secret.</param>
internal sealed record BenchTarget(
    Uri Endpoint,
    string AccountId,
    string RoleArn,
    string WorkerAccessKeyId,
    string WorkerSecretKey)
{
    public override string ToString() =>
        $"BenchTarget {{ Endpoint = {Endpoint}, AccountId = {AccountId}, RoleArn = {RoleArn} }}";
}
