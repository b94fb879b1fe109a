using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// The baseline: the same S3 reads as the audit (location, then Block Public Access, policy status,
/// policy, ACL and ownership with a client for the bucket's region), from one pool of workers over
/// all buckets, with no Temporal, no batches, no heartbeats and no report.
/// </summary>
internal sealed class PlainSdkLoop(BenchTarget target, int concurrency, int maxSdkRetries) : IDisposable
{
    private const int PageSize = 1000;

    private readonly ConcurrentDictionary<string, AmazonS3Client> clients = new(StringComparer.Ordinal);
    private AWSCredentials? session;

    /// <summary>Assumes the audit role, lists every bucket and reads each one; returns how many were read.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        session = await AssumeAsync(cancellationToken).ConfigureAwait(false);
        var names = await ListAsync(cancellationToken).ConfigureAwait(false);

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = concurrency,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(names, options, ReadBucketAsync).ConfigureAwait(false);
        return names.Count;
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<AWSCredentials> AssumeAsync(CancellationToken cancellationToken)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = target.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxSdkRetries,
        };
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(target.WorkerAccessKeyId, target.WorkerSecretKey), config);
        var response = await sts.AssumeRoleAsync(
            new AssumeRoleRequest
            {
                RoleArn = target.RoleArn,
                RoleSessionName = "bench-plain",
                DurationSeconds = 3600,
            },
            cancellationToken).ConfigureAwait(false);
        var keys = response.Credentials;
        return new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
    }

    private async Task<List<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await Client("us-east-1").ListBucketsAsync(
                new ListBucketsRequest { MaxBuckets = PageSize, ContinuationToken = token },
                cancellationToken).ConfigureAwait(false);
            names.AddRange((page.Buckets ?? []).Select(b => b.BucketName));
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        return names;
    }

    private async ValueTask ReadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var location = await Client("us-east-1").GetBucketLocationAsync(
            new GetBucketLocationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
        var s3 = Client(Region(location.Location?.Value));

        await AbsentIsFineAsync(() => s3.GetPublicAccessBlockAsync(
            new GetPublicAccessBlockRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
        await AbsentIsFineAsync(() => s3.GetBucketPolicyStatusAsync(
            new GetBucketPolicyStatusRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
        await AbsentIsFineAsync(() => s3.GetBucketPolicyAsync(
            new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
        await AbsentIsFineAsync(() => s3.GetBucketAclAsync(
            new GetBucketAclRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
        await AbsentIsFineAsync(() => s3.GetBucketOwnershipControlsAsync(
            new GetBucketOwnershipControlsRequest { BucketName = bucket }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The "none set" answers (404) are part of the audit; anything else stops the baseline.</summary>
    private static async Task AbsentIsFineAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception error) when (error.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The bucket has no such configuration; the audit reads that as "none".
        }
    }

    private static string Region(string? location) => location switch
    {
        null or "" => "us-east-1",
        "EU" => "eu-west-1",
        _ => location,
    };

    private AmazonS3Client Client(string region) => clients.GetOrAdd(region, r =>
        new AmazonS3Client(
            session,
            new AmazonS3Config
            {
                ServiceURL = target.Endpoint.ToString(),
                AuthenticationRegion = r,
                ForcePathStyle = true,
                MaxErrorRetry = maxSdkRetries,
            }));
}
