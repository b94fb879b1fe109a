using System.Security.Cryptography;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Identity;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Temporalio.Testing;

namespace AgentWorkflows.Activities.Tests.Identity;

/// <summary>
/// One fake AWS on 127.0.0.1 seeded with a worker user and an audit role, and the identity activities
/// wired to it with explicit credentials (never the default chain).
/// </summary>
internal sealed class IdentityHarness : IAsyncDisposable
{
    public const string Account = "111122223333";
    public const string RoleName = "AuditRole";
    public const string RoleArn = "arn:aws:iam::111122223333:role/AuditRole";

    public static readonly string[] WorkerActions =
    [
        "sts:AssumeRole", "sts:GetCallerIdentity", "iam:GetRole", "iam:PutRolePolicy", "iam:GetRolePolicy",
        "iam:ListRolePolicies", "iam:DeleteRolePolicy",
    ];

    private readonly List<AwsClientFactory> _factories = [];

    private IdentityHarness(FakeAws fake, FakeAccessKey worker, FakeRole role)
    {
        Fake = fake;
        Worker = worker;
        Role = role;
        Sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));
        Activities = ActivitiesFor(new BasicAWSCredentials(worker.AccessKeyId, worker.SecretAccessKey));
    }

    public FakeAws Fake { get; }

    public FakeAccessKey Worker { get; }

    public FakeRole Role { get; }

    public AesGcmSessionSealer Sealer { get; }

    public IdentityActivities Activities { get; }

    public ActivityEnvironment Environment { get; } = new();

    public static async Task<IdentityHarness> StartAsync(string? requiredExternalId = null)
    {
        var fake = await FakeAws.StartAsync();
        fake.AddAccount(Account);
        var worker = fake.AddUser(Account, "audit-worker", WorkerActions);
        var role = fake.AddRole(
            Account,
            RoleName,
            [worker.UserArn, "arn:aws:iam::111122223333:role/WorkerRole"],
            requiredExternalId,
            TimeSpan.FromHours(2),
            ["s3:ListAllMyBuckets", "s3:GetBucket*", "s3:GetAccountPublicAccessBlock", "s3:PutObject"]);
        fake.AddBucket(Account, "example-bucket");
        return new IdentityHarness(fake, worker, role);
    }

    /// <summary>An AssumeRole input; <paramref name="runId"/> adds the run-id tag the workflow sets.</summary>
    public static AssumeRoleInput Input(
        string session, int durationSeconds = 900, string? externalId = null, string? runId = null)
    {
        var tags = new Dictionary<string, string> { ["agent"] = "agent-7", ["task"] = session };
        if (runId is not null)
        {
            tags[SessionNaming.RunTagKey] = runId;
        }

        return new(RoleArn, session, "agent-7", durationSeconds, tags, externalId);
    }

    public static string AssumedArn(string session) => $"arn:aws:sts::{Account}:assumed-role/{RoleName}/{session}";

    /// <summary>Identity activities whose worker credentials are <paramref name="workerCredentials"/>.</summary>
    public IdentityActivities ActivitiesFor(AWSCredentials workerCredentials)
    {
        var endpoint = Fake.Endpoint;
        var options = new AwsOptions
        {
            StsEndpoint = endpoint,
            IamEndpoint = endpoint,
            S3Endpoint = endpoint,
            S3ControlEndpoint = endpoint,
            S3ForcePathStyle = true,
            MaxSdkRetries = 0,
        };
        var factory = new AwsClientFactory(Options.Create(options), Fake.Time, workerCredentials);
        _factories.Add(factory);
        return new IdentityActivities(factory, Sealer, NullLogger<IdentityActivities>.Instance, Fake.Time);
    }

    public Task<SessionHandle> AssumeAsync(string session, int durationSeconds = 900, string? runId = null) =>
        Environment.RunAsync(() => Activities.AssumeRoleAsync(Input(session, durationSeconds, runId: runId)));

    public Task<CallerIdentity> VerifyAsync(SessionHandle session, string? expectedArn = null) =>
        Environment.RunAsync(() => Activities.VerifyIdentityAsync(
            new VerifyIdentityInput(session, expectedArn ?? AssumedArn(session.SessionName))));

    public Task<RevocationRecord> RevokeAsync(SessionHandle session, string? userId, string? runId = null) =>
        Environment.RunAsync(() => Activities.RevokeSessionAsync(
            new RevokeSessionInput(session.RoleArn, session.SessionName, userId, session.ExpiresAt, runId)));

    public Task<RevocationProof> ProveAsync(SessionHandle session) =>
        Environment.RunAsync(() => Activities.ProveRevokedAsync(new ProveRevokedInput(session)));

    /// <summary>Every string that must never appear in an exception, log or history.</summary>
    public IEnumerable<string> Secrets() =>
        new[] { Worker.AccessKeyId, Worker.SecretAccessKey }.Concat(Fake.Sessions.Select(s => s.AccessKeyId));

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        Sealer.Dispose();
        await Fake.DisposeAsync();
    }
}
