using AgentWorkflows.Activities.Identity;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

public sealed class IdentityActivitiesTests
{
    [Fact]
    public async Task Bracket_AssumeVerifyRevokeProve_EachCallSignedByTheRightIdentity()
    {
        await using var h = await IdentityHarness.StartAsync();

        var session = await h.AssumeAsync("aw-run-1");
        var caller = await h.VerifyAsync(session);
        var record = await h.RevokeAsync(session, caller.UserId);
        var proof = await h.ProveAsync(session);

        var assumed = IdentityHarness.AssumedArn("aw-run-1");
        Assert.Equal(assumed, session.AssumedRoleArn);
        Assert.Equal(new CallerIdentity(assumed, IdentityHarness.Account, $"{h.Role.RoleId}:aw-run-1"), caller);
        Assert.Equal(IdentityHarness.RoleName, record.RoleName);
        Assert.Equal(new RevocationProof("s3:ListBuckets", "AccessDenied"), proof);

        var calls = h.Fake.Requests.Select(r => (r.Action, r.PrincipalArn, r.ErrorCode)).ToList();
        Assert.Equal(
            [
                ("AssumeRole", h.Worker.UserArn, null),
                ("GetCallerIdentity", assumed, null),
                ("ListRolePolicies", h.Worker.UserArn, null),
                ("PutRolePolicy", h.Worker.UserArn, null),
                ("ListBuckets", assumed, "AccessDenied"),
            ],
            calls);
    }

    [Fact]
    public async Task AssumeRoleAsync_Input_PassesSourceIdentityTagsAndNarrowSessionPolicy()
    {
        await using var h = await IdentityHarness.StartAsync();

        var session = await h.AssumeAsync("aw-run-1", durationSeconds: 1800);

        var issued = Assert.Single(h.Fake.Sessions);
        Assert.Equal("agent-7", issued.SourceIdentity);
        Assert.Equal("aw-run-1", issued.Tags["task"]);
        Assert.Equal(AuditSessionPolicy.Json, issued.SessionPolicy);
        Assert.Equal(issued.Expiration.ToUnixTimeSeconds(), session.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(TimeSpan.FromSeconds(1800), issued.Expiration - issued.IssuedAt);
        Assert.StartsWith("v1.", session.SealedCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.AccessKeyId, session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProveRevokedAsync_NewerSessionOfSameRole_IsNotRevoked()
    {
        await using var h = await IdentityHarness.StartAsync();
        var older = await h.AssumeAsync("aw-run-1");
        var newer = await h.AssumeAsync("aw-run-2");

        await h.RevokeAsync(older, userId: null);
        var proof = await h.ProveAsync(older);
        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(newer));

        Assert.Equal("AccessDenied", proof.ErrorCode);
        Assert.Equal(ErrorTypes.RevocationUnproven, failure.ErrorType);
        var newerCalls = h.Fake.Requests.Where(r => r.PrincipalArn == IdentityHarness.AssumedArn("aw-run-2"));
        Assert.Equal(("ListBuckets", 200), newerCalls.Select(r => (r.Action, r.StatusCode)).Single());
    }

    [Fact]
    public async Task ProveRevokedAsync_DenyStillPropagating_IsRetryableThenProven()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        h.Fake.RevocationPropagationCalls = 1;
        await h.RevokeAsync(session, userId: null);

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session));
        var proof = await h.ProveAsync(session);

        Assert.Equal(ErrorTypes.RevocationUnproven, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Contains("IAM may still be propagating", failure.Message, StringComparison.Ordinal);
        Assert.Equal("AccessDenied", proof.ErrorCode);
    }

    [Fact]
    public async Task ProveRevokedAsync_ExpiredToken_CountsAsProof()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        h.Fake.InjectFault(new FakeFault("ListBuckets", "ExpiredToken", 400, Service: "s3"));

        var proof = await h.ProveAsync(session);

        Assert.Equal(new RevocationProof("s3:ListBuckets", "ExpiredToken"), proof);
    }

    [Fact]
    public async Task ProveRevokedAsync_Throttled_IsRetryableAwsFailureNotProof()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        h.Fake.InjectFault(new FakeFault("ListBuckets", "SlowDown", 503, Service: "s3"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session));

        Assert.Equal("Aws.SlowDown", failure.ErrorType);
        Assert.False(failure.NonRetryable);
    }

    [Fact]
    public async Task AssumeRoleAsync_FieldCaseI3ChainedWorkerAsksTwoHours_RejectedBeforeAssumeRole()
    {
        await using var h = await IdentityHarness.StartAsync();
        h.Fake.AddRole(IdentityHarness.Account, "WorkerRole", [h.Worker.UserArn], allowedActions: ["sts:*"]);
        var chained = h.ActivitiesFor(await WorkerSessionAsync(h));
        h.Fake.ClearRequests();

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.Environment.RunAsync(
            () => chained.AssumeRoleAsync(IdentityHarness.Input("aw-run-1", durationSeconds: 7200))));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains("7200 s exceeds the 3600 s limit of role chaining", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["GetCallerIdentity"], h.Fake.Requests.Select(r => r.Action));
    }

    [Fact]
    public async Task AssumeRoleAsync_ChainedWorkerOneHour_IsAssumed()
    {
        await using var h = await IdentityHarness.StartAsync();
        h.Fake.AddRole(IdentityHarness.Account, "WorkerRole", [h.Worker.UserArn], allowedActions: ["sts:*"]);
        var chained = h.ActivitiesFor(await WorkerSessionAsync(h));

        var session = await h.Environment.RunAsync(
            () => chained.AssumeRoleAsync(IdentityHarness.Input("aw-run-1", durationSeconds: 3600)));

        Assert.Equal(IdentityHarness.AssumedArn("aw-run-1"), session.AssumedRoleArn);
        Assert.True(h.Fake.Sessions.Single(s => s.SessionName == "aw-run-1").IsChained);
    }

    [Theory]
    [InlineData("ValidationError", 400)]
    [InlineData("MalformedPolicyDocument", 400)]
    [InlineData("AccessDenied", 403)]
    public async Task AssumeRoleAsync_FieldCaseI4PermanentStsError_OneAttemptNonRetryable(string code, int status)
    {
        await using var h = await IdentityHarness.StartAsync();
        h.Fake.InjectFault(new FakeFault("AssumeRole", code, status, Service: "sts"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-1"));

        Assert.Equal($"Aws.{code}", failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.StartsWith(
            $"STS AssumeRole failed: {code} (HTTP {status}): ", failure.Message, StringComparison.Ordinal);
        Assert.Single(h.Fake.Requests, r => r.Action == "AssumeRole");
    }

    [Fact]
    public async Task AssumeRoleAsync_Throttled_IsRetryable()
    {
        await using var h = await IdentityHarness.StartAsync();
        h.Fake.InjectFault(new FakeFault("AssumeRole", "Throttling", 400, Service: "sts", Times: 1));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-1"));
        var session = await h.AssumeAsync("aw-run-1");

        Assert.Equal("Aws.Throttling", failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Equal(IdentityHarness.AssumedArn("aw-run-1"), session.AssumedRoleArn);
    }

    [Fact]
    public async Task AssumeRoleAsync_RequiredExternalId_MissingIsDeniedGivenIsAssumed()
    {
        await using var h = await IdentityHarness.StartAsync(requiredExternalId: "ext-123");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-1"));
        var session = await h.Environment.RunAsync(() => h.Activities.AssumeRoleAsync(
            IdentityHarness.Input("aw-run-2", externalId: "ext-123")));

        Assert.Equal("Aws.AccessDenied", failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Equal(IdentityHarness.AssumedArn("aw-run-2"), session.AssumedRoleArn);
    }

    [Fact]
    public async Task VerifyIdentityAsync_OtherArnExpected_FailsIdentityMismatchShowingBoth()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        var expected = IdentityHarness.AssumedArn("aw-run-9");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.VerifyAsync(session, expected));

        Assert.Equal(ErrorTypes.IdentityMismatch, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains(IdentityHarness.AssumedArn("aw-run-1"), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyIdentityAsync_SealedByAnotherWorker_FailsSessionExpiredWithoutAnyCall()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        var foreign = session with { SealedCredentials = "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
        h.Fake.ClearRequests();

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.VerifyAsync(foreign));

        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task RevokeSessionAsync_Retried_IsIdempotentWithOnePolicy()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");

        var first = await h.RevokeAsync(session, userId: null);
        var second = await h.RevokeAsync(session, $"{h.Role.RoleId}:aw-run-1");

        Assert.Equal(first, second);
        var policy = Assert.Single(h.Fake.GetRolePolicies(h.Role));
        Assert.Equal(first.PolicyName, policy.Key);
        Assert.Contains($"\"aws:userid\":\"{h.Role.RoleId}:aw-run-1\"", policy.Value, StringComparison.Ordinal);
        Assert.Single(h.Fake.Requests, r => r.Action == "GetRole");
    }

    [Fact]
    public async Task RevokeSessionAsync_OldRevocationPolicies_DeletesOnlyThoseExpiredPastTheMargin()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        var now = h.Fake.Time.GetUtcNow();
        var dead = RevocationPolicy.NameFor("aw-old-1", now.AddMinutes(-11));
        var recent = RevocationPolicy.NameFor("aw-old-2", now.AddMinutes(-9));
        const string deny =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}""";
        h.Fake.PutRolePolicy(h.Role, dead, deny);
        h.Fake.PutRolePolicy(h.Role, recent, deny);
        h.Fake.PutRolePolicy(h.Role, "ManualDeny", deny);

        var record = await h.RevokeAsync(session, userId: null);

        Assert.Equal(
            new[] { "ManualDeny", record.PolicyName, recent }.Order(StringComparer.Ordinal),
            h.Fake.GetRolePolicies(h.Role).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RevokeSessionAsync_InlinePolicyQuotaFull_FailsClearlyAndNonRetryable()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        h.Fake.InjectFault(new FakeFault("PutRolePolicy", "LimitExceeded", 409, Service: "iam"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.RevokeAsync(session, null));

        Assert.Equal("Aws.LimitExceeded", failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains("10,240-character", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'aw-run-1' is NOT revoked", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeSessionAsync_CleanupDenied_StillRevokes()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        h.Fake.InjectFault(new FakeFault("ListRolePolicies", "AccessDenied", 403, Service: "iam"));

        await h.RevokeAsync(session, userId: null);

        Assert.Equal("AccessDenied", (await h.ProveAsync(session)).ErrorCode);
    }

    [Fact]
    public async Task RevokeSessionAsync_UserIdOfAnotherSession_IsRejected()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => h.RevokeAsync(session, $"{h.Role.RoleId}:aw-run-2"));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.Empty(h.Fake.GetRolePolicies(h.Role));
    }

    [Fact]
    public async Task Failures_EveryKind_CarryNoKeyIdSecretOrToken()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        var keys = h.Sealer.Unseal(session.SealedCredentials, session.SessionName, session.RoleArn).GetCredentials();
        var failures = new List<Exception>
        {
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => h.VerifyAsync(session, IdentityHarness.AssumedArn("other"))),
            await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session)),
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => h.VerifyAsync(session with { SessionName = "aw-run-2" })),
        };
        h.Fake.InjectFault(new FakeFault("*", "InvalidClientTokenId", 403,
            Message: $"The security token {keys.Token} for {keys.AccessKey} / {keys.SecretKey} is invalid"));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-3")));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.VerifyAsync(session)));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.RevokeAsync(session, null)));

        var secrets = h.Secrets().Concat([keys.AccessKey, keys.SecretKey, keys.Token]).ToList();
        Assert.Equal(6, failures.Count);
        Assert.All(failures, failure => Assert.All(secrets, secret =>
            Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal)));
    }

    private static async Task<AWSCredentials> WorkerSessionAsync(IdentityHarness h)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = h.Fake.ServiceUrl,
            AuthenticationRegion = "us-east-1",
        };
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(h.Worker.AccessKeyId, h.Worker.SecretAccessKey), config);
        var response = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/WorkerRole", RoleSessionName = "worker" },
            TestContext.Current.CancellationToken);
        var c = response.Credentials;
        return new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
    }
}
