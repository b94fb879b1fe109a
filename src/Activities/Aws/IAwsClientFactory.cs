using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Creates AWS clients for the worker's own credentials or a session's, honouring the endpoint
/// overrides of <see cref="AwsOptions"/>. Returned clients are owned by the factory: do not dispose them.
/// </summary>
public interface IAwsClientFactory
{
    /// <summary>The worker's own credentials (the SDK's default chain, or explicit ones in tests).</summary>
    AWSCredentials WorkerCredentials { get; }

    /// <summary>The configured default region (<see cref="AwsOptions.Region"/>).</summary>
    string Region { get; }

    /// <summary>An STS client in the configured region.</summary>
    IAmazonSecurityTokenService CreateSts(AWSCredentials credentials);

    /// <summary>An S3 client for <paramref name="region"/>; cached per region and credentials.</summary>
    IAmazonS3 CreateS3(AWSCredentials credentials, string region);

    /// <summary>An IAM client (global endpoint of the partition, or the override).</summary>
    IIamClient CreateIam(AWSCredentials credentials);

    /// <summary>An S3 Control client for <paramref name="region"/>.</summary>
    IS3ControlClient CreateS3Control(AWSCredentials credentials, string region);
}
