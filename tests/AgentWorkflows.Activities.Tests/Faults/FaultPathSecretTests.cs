using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Activities.Tests.Identity;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Faults;

/// <summary>
/// The identity activities' fault paths, with every log line captured. No log line and
/// no exception message may hold the worker's key id or secret, nor the session's key id, secret or token.
/// </summary>
public sealed class FaultPathSecretTests : IAsyncLifetime
{
    private readonly List<string> lines = [];
    private IdentityHarness h = null!;

    public async ValueTask InitializeAsync() => h = await IdentityHarness.StartAsync();

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Theory]
    [InlineData("AssumeRole", "sts", "AccessDenied", 403)]
    [InlineData("AssumeRole", "sts", "Throttling", 400)]
    [InlineData("GetCallerIdentity", "sts", "ExpiredToken", 400)]
    [InlineData("PutRolePolicy", "iam", "AccessDenied", 403)]
    [InlineData("PutRolePolicy", "iam", "LimitExceeded", 409)]
    [InlineData("PutRolePolicy", "iam", "ServiceFailure", 500)]
    [InlineData("ListBuckets", "s3", "ExpiredToken", 400)]
    [InlineData("ListBuckets", "s3", "SlowDown", 503)]
    public async Task IdentityActivities_AwsFaultOnEachStep_NoCredentialInLogsOrErrors(
        string action, string service, string code, int status)
    {
        var activities = CapturingActivities();
        var session = await h.Environment.RunAsync(
            () => activities.AssumeRoleAsync(IdentityHarness.Input("breaker-session")));
        var keys = h.Sealer.Unseal(session).GetCredentials();
        h.Fake.InjectFault(new FakeFault(action, code, status, Service: service));

        var errors = new List<string>();
        await CollectAsync(errors, () => activities.AssumeRoleAsync(IdentityHarness.Input("breaker-session-2")));
        await CollectAsync(errors, () => activities.VerifyIdentityAsync(
            new VerifyIdentityInput(session, IdentityHarness.AssumedArn(session.SessionName))));
        await CollectAsync(errors, () => activities.RevokeSessionAsync(
            new RevokeSessionInput(session.RoleArn, session.SessionName, null, session.ExpiresAt)));
        await CollectAsync(errors, () => activities.ProveRevokedAsync(new ProveRevokedInput(session)));

        Assert.NotEmpty(lines);
        string[] secrets = [h.Worker.AccessKeyId, h.Worker.SecretAccessKey, keys.AccessKey, keys.SecretKey, keys.Token];
        foreach (var text in errors.Concat(lines))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    private async Task CollectAsync<T>(List<string> errors, Func<Task<T>> call)
    {
        try
        {
            await h.Environment.RunAsync(call);
        }
        catch (Exception e)
        {
            errors.Add(e.ToString());
            Assert.IsType<ApplicationFailureException>(e);
        }
    }

    private IdentityActivities CapturingActivities()
    {
        var endpoint = h.Fake.Endpoint;
        var options = new AwsOptions
        {
            StsEndpoint = endpoint,
            IamEndpoint = endpoint,
            S3Endpoint = endpoint,
            S3ControlEndpoint = endpoint,
            S3ForcePathStyle = true,
            MaxSdkRetries = 0,
        };
        var factory = new AwsClientFactory(
            Options.Create(options),
            h.Fake.Time,
            new Amazon.Runtime.BasicAWSCredentials(h.Worker.AccessKeyId, h.Worker.SecretAccessKey));
        return new IdentityActivities(factory, h.Sealer, new LineLogger(lines), h.Fake.Time);
    }

    private sealed class LineLogger(List<string> sink) : ILogger<IdentityActivities>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            lock (sink)
            {
                sink.Add($"{formatter(state, exception)} {state} {exception}");
            }
        }
    }
}
