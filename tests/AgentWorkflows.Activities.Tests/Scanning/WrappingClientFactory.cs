using AgentWorkflows.Activities.Aws;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>Hands out the inner factory's clients, with each S3 client passed through a wrapper.</summary>
internal sealed class WrappingClientFactory(IAwsClientFactory inner, Func<IAmazonS3, IAmazonS3> wrapS3)
    : IAwsClientFactory
{
    public AWSCredentials WorkerCredentials => inner.WorkerCredentials;

    public string Region => inner.Region;

    public IAmazonSecurityTokenService CreateSts(AWSCredentials credentials) => inner.CreateSts(credentials);

    public IAmazonS3 CreateS3(AWSCredentials credentials, string region) =>
        wrapS3(inner.CreateS3(credentials, region));

    public IIamClient CreateIam(AWSCredentials credentials) => inner.CreateIam(credentials);

    public IS3ControlClient CreateS3Control(AWSCredentials credentials, string region) =>
        inner.CreateS3Control(credentials, region);
}
