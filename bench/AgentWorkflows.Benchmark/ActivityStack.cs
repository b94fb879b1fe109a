using System.Security.Cryptography;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Builds the production activity classes the way the worker does, pointed at the fake: explicit worker
/// credentials, every endpoint on the fake's 127.0.0.1 address, path-style S3, and local reports under
/// a temporary directory. Logging is off so that the console stays readable and costs nothing.
/// </summary>
internal sealed class ActivityStack : IDisposable
{
    private readonly AwsClientFactory clients;
    private readonly AesGcmSessionSealer sealer;

    public ActivityStack(BenchTarget target, BenchSettings settings, string reportRoot)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var aws = new AwsOptions
        {
            Region = "us-east-1",
            StsEndpoint = target.Endpoint,
            IamEndpoint = target.Endpoint,
            S3Endpoint = target.Endpoint,
            S3ControlEndpoint = target.Endpoint,
            S3ForcePathStyle = true,
        };
        clients = new AwsClientFactory(
            Options.Create(aws),
            TimeProvider.System,
            new BasicAWSCredentials(target.WorkerAccessKeyId, target.WorkerSecretKey));
        sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(AesGcmSessionSealer.KeySizeBytes));

        var stores = new ReportStoreFactory(clients, Options.Create(new ReportStoreOptions { LocalRoot = reportRoot }));
        var scan = new S3AuditOptions
        {
            MaxConcurrency = settings.BucketsPerScan,
            MaxS3CallsInFlight = settings.Concurrency,
        };
        Limiter = new S3CallLimiter(scan.MaxS3CallsInFlight);
        Activities = new ActivitySet(
            new IdentityActivities(clients, sealer, NullLogger<IdentityActivities>.Instance, TimeProvider.System),
            new S3AuditActivities(
                clients, sealer, stores, NullLogger<S3AuditActivities>.Instance, TimeProvider.System,
                Options.Create(scan), Limiter),
            new ReportActivities(stores, TimeProvider.System, NullLogger<ReportActivities>.Instance));
    }

    public ActivitySet Activities { get; }

    /// <summary>The worker-wide limit of S3 calls, shared by every scan of this stack as a worker shares it.</summary>
    public S3CallLimiter Limiter { get; }

    /// <summary>The SDK retries the clients make inside one call, as the worker's default options set them.</summary>
    public static int MaxSdkRetries => new AwsOptions().MaxSdkRetries;

    public void Dispose()
    {
        clients.Dispose();
        sealer.Dispose();
        Limiter.Dispose();
    }
}
