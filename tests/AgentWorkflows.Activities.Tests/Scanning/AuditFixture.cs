using System.Security.Cryptography;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Activities.Tests.Reporting;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>
/// One fake AWS account on 127.0.0.1 with a worker user, an audit role and its assumed session, and the
/// audit activities wired to it exactly as the worker wires them (real AWS SDK clients, sealed session).
/// </summary>
public sealed class AuditFixture : IAsyncDisposable
{
    public const string AccountId = "111122223333";
    public const string RunKey = "wf-scan/run-1";
    public const string ReportBucket = "audit-reports";

    private static readonly string[] RoleActions =
    [
        "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicyStatus",
        "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketOwnershipControls", "s3:GetAccountPublicAccessBlock",
        "sts:GetCallerIdentity",
    ];

    private readonly AesGcmSessionSealer sealer = new(RandomNumberGenerator.GetBytes(AesGcmSessionSealer.KeySizeBytes));

    private AuditFixture(FakeAws fake, FakeAccessKey worker, FakeRole role, AwsClientFactory clients)
    {
        Fake = fake;
        Worker = worker;
        Role = role;
        Clients = clients;
        Time = new ImmediateTimeProvider(fake.Time);
        Stores = ReportFixtures.LocalStores(clients, Reports.Path);
    }

    public FakeAws Fake { get; }

    public FakeAccessKey Worker { get; }

    public FakeRole Role { get; }

    public AwsClientFactory Clients { get; }

    public ImmediateTimeProvider Time { get; }

    public TempDirectory Reports { get; } = new();

    public ReportStoreFactory Stores { get; }

    public S3AuditOptions Options { get; } = new() { MaxConcurrency = 4 };

    /// <summary>The worker-wide limit of S3 calls every activity made by <see cref="Activities"/> shares.</summary>
    public S3CallLimiter Limiter { get; set; } = new(64);

    public ReportDestination LocalReports => new(LocalDirectory: Reports.Path);

    public static async Task<AuditFixture> StartAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var fake = await FakeAws.StartAsync();
        fake.AddAccount(AccountId);
        var worker = fake.AddUser(AccountId, "audit-worker", "sts:AssumeRole", "s3:PutObject", "s3:GetObject");
        var role = fake.AddRole(AccountId, "s3-audit", [worker.UserArn], allowedActions: RoleActions);
        fake.AddBucket(AccountId, ReportBucket);
        var clients = new AwsClientFactory(
            Microsoft.Extensions.Options.Options.Create(new AwsOptions
            {
                StsEndpoint = fake.Endpoint,
                S3Endpoint = fake.Endpoint,
                S3ControlEndpoint = fake.Endpoint,
                S3ForcePathStyle = true,
                MaxSdkRetries = 0,
            }),
            fake.Time,
            new BasicAWSCredentials(worker.AccessKeyId, worker.SecretAccessKey));
        return new AuditFixture(fake, worker, role, clients);
    }

    /// <summary>
    /// A bucket as the field cases assume it unless they say otherwise: no Block Public Access, Object
    /// Ownership BucketOwnerEnforced, an ACL that grants only the owner, no policy.
    /// </summary>
    public FakeBucket AddBucket(string name, string region = "us-east-1")
    {
        var bucket = Fake.AddBucket(AccountId, name, region);
        bucket.ObjectOwnership = "BucketOwnerEnforced";
        return bucket;
    }

    /// <summary>Assumes the audit role through the fake's STS and seals the session as the worker does.</summary>
    public async Task<SessionHandle> AssumeAsync(string sessionName = "audit-session")
    {
        var sts = Clients.CreateSts(Clients.WorkerCredentials);
        var response = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = Role.Arn, RoleSessionName = sessionName, DurationSeconds = 900 },
            TestContext.Current.CancellationToken);
        var credentials = response.Credentials;
        var immutable = new ImmutableCredentials(
            credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        return new SessionHandle(
            Role.Arn,
            sessionName,
            response.AssumedRoleUser.Arn,
            new DateTimeOffset(credentials.Expiration!.Value, TimeSpan.Zero),
            sealer.Seal(immutable, sessionName, Role.Arn));
    }

    /// <summary>Wraps every S3 client the activities made by <see cref="Activities"/> use; null leaves them.</summary>
    public Func<IAmazonS3, IAmazonS3>? WrapS3 { get; set; }

    public S3AuditActivities Activities() => new(
        WrapS3 is null ? Clients : new WrappingClientFactory(Clients, WrapS3),
        sealer,
        Stores,
        NullLogger<S3AuditActivities>.Instance,
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        Limiter);

    public ReportActivities ReportActivities() =>
        new(Stores, Time, NullLogger<ReportActivities>.Instance);

    public ScanBatchInput Batch(
        SessionHandle session,
        IReadOnlyList<string> buckets,
        int batchIndex = 0,
        ReportDestination? report = null,
        AccountPublicAccessBlock? accountBlock = null) =>
        new(
            session,
            AccountId,
            accountBlock ?? new AccountPublicAccessBlock(PublicAccessBlockFlags.None, null),
            batchIndex,
            buckets,
            report ?? LocalReports,
            RunKey);

    /// <summary>Runs one batch in a plain activity environment and returns its result and stored part.</summary>
    public async Task<(ScanBatchResult Result, BatchPart Part)> ScanAsync(params string[] buckets)
    {
        var session = await AssumeAsync();
        var input = Batch(session, buckets);
        var result = await new ActivityEnvironment().RunAsync(() => Activities().ScanBucketBatchAsync(input));
        return (result, (await ReadPartAsync(0))!);
    }

    public async Task<BatchPart?> ReadPartAsync(int batchIndex, ReportDestination? destination = null)
    {
        var store = Stores.Create(destination ?? LocalReports);
        var text = await store.GetTextAsync(ReportKeys.Part(RunKey, batchIndex), TestContext.Current.CancellationToken);
        return text is null ? null : ReportJson.Deserialize<BatchPart>(text);
    }

    /// <summary>The S3 bucket reads the fake answered for one bucket (account-level calls excluded).</summary>
    public IReadOnlyList<FakeRequestRecord> BucketReads(string bucket) =>
        Fake.Requests.Where(r => r.Service == "s3" && r.BucketName == bucket).ToList();

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        sealer.Dispose();
        Limiter.Dispose();
        Reports.Dispose();
        await Fake.DisposeAsync();
    }
}
