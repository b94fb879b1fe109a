using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// The S3 Control call the audit needs. Throws <see cref="AwsServiceError"/> on AWS error answers other
/// than "none configured". Shaped so the official AWSSDK.S3Control client can stand behind it later.
/// </summary>
public interface IS3ControlClient
{
    /// <summary>
    /// GetPublicAccessBlock for the account: its four flags (missing elements read as false), or null
    /// when the account has none (404 <c>NoSuchPublicAccessBlockConfiguration</c>), which S3 treats as all
    /// four flags false.
    /// </summary>
    /// <exception cref="AwsServiceError">Any other error answer, for example 403 <c>AccessDenied</c>.</exception>
    Task<PublicAccessBlockFlags?> GetPublicAccessBlockAsync(
        string accountId, CancellationToken cancellationToken = default);
}
