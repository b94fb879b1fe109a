using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

/// <summary>
/// Two runs may pass the same caller-supplied session name (field case I1 forbids rewriting it), so
/// both of their sessions have the same <c>aws:userid</c>. The revocation of one run must leave the
/// other's sessions, and any later run that reuses the name, working.
/// </summary>
public sealed class RunScopedRevocationTests
{
    private const string SharedName = "agent-7-nightly";
    private const string RunA = "0f7c2a51-3d6e-4b8a-9c10-2e5f6a7b8c9d";
    private const string RunB = "6a1d9e04-7b2c-4f3e-8d5a-1c0b9e8f7a6d";
    private const string RunC = "c3b2a190-8f7e-4d6c-b5a4-93827160f5e4";

    [Fact]
    public async Task RevokeSessionAsync_FieldCaseSharedSessionNameTwoRuns_DeniesOnlyTheRevokedRun()
    {
        await using var h = await IdentityHarness.StartAsync();
        var sessionA = await h.AssumeAsync(SharedName, runId: RunA);
        var sessionB = await h.AssumeAsync(SharedName, runId: RunB);
        var callerA = await h.VerifyAsync(sessionA);
        var callerB = await h.VerifyAsync(sessionB);
        Assert.Equal(callerA.UserId, callerB.UserId);

        await h.RevokeAsync(sessionA, callerA.UserId, RunA);
        var proofA = await h.ProveAsync(sessionA);
        var stillAllowed = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(sessionB));

        Assert.Equal(new RevocationProof("s3:ListBuckets", "AccessDenied"), proofA);
        Assert.Equal(ErrorTypes.RevocationUnproven, stillAllowed.ErrorType);
        var proofCalls = h.Fake.Requests.Where(r => r.Action == "ListBuckets").ToList();
        Assert.Equal([403, 200], proofCalls.Select(r => r.StatusCode));
        Assert.Equal([RunA, RunB], proofCalls.Select(r => RunTagOf(h, r.AccessKeyId)));
    }

    [Fact]
    public async Task ProveRevokedAsync_LaterRunReusingRevokedName_IsAllowedFromItsFirstCall()
    {
        await using var h = await IdentityHarness.StartAsync();
        var earlier = await h.AssumeAsync(SharedName, runId: RunA);
        await h.RevokeAsync(earlier, userId: null, RunA);
        Assert.Equal("AccessDenied", (await h.ProveAsync(earlier)).ErrorCode);

        var later = await h.AssumeAsync(SharedName, runId: RunC);
        var stillAllowed = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(later));

        Assert.Equal(ErrorTypes.RevocationUnproven, stillAllowed.ErrorType);
        Assert.Equal(200, h.Fake.Requests.Last(r => r.Action == "ListBuckets").StatusCode);
    }

    [Fact]
    public async Task RevokeSessionAsync_TwoRunsSharingASessionName_EachKeepsItsOwnPolicy()
    {
        await using var h = await IdentityHarness.StartAsync();
        var sessionA = await h.AssumeAsync(SharedName, runId: RunA);
        var sessionB = await h.AssumeAsync(SharedName, runId: RunB);

        var recordA = await h.RevokeAsync(sessionA, userId: null, RunA);
        var recordB = await h.RevokeAsync(sessionB, userId: null, RunB);

        Assert.NotEqual(recordA.PolicyName, recordB.PolicyName);
        var policies = h.Fake.GetRolePolicies(h.Role);
        Assert.Equal(2, policies.Count);
        Assert.Contains($"\"{RunA}\"", policies[recordA.PolicyName], StringComparison.Ordinal);
        Assert.Contains($"\"{RunB}\"", policies[recordB.PolicyName], StringComparison.Ordinal);
        Assert.Equal("AccessDenied", (await h.ProveAsync(sessionA)).ErrorCode);
        Assert.Equal("AccessDenied", (await h.ProveAsync(sessionB)).ErrorCode);
    }

    [Fact]
    public async Task ProveRevokedAsync_DenyNamesRunTagKeyInOtherCase_StillDenies()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync(SharedName, runId: RunA);
        var other = await h.AssumeAsync(SharedName, runId: RunB);
        const string deny =
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
            "Condition":{"StringEquals":{
            "AWS:PRINCIPALTAG/AgentWorkflows:Run-Id":"0f7c2a51-3d6e-4b8a-9c10-2e5f6a7b8c9d"}}}]}
            """;
        h.Fake.PutRolePolicy(h.Role, "CaseCheck", deny);

        var proof = await h.ProveAsync(session);
        var stillAllowed = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(other));

        Assert.Equal("AccessDenied", proof.ErrorCode);
        Assert.Equal(ErrorTypes.RevocationUnproven, stillAllowed.ErrorType);
    }

    [Fact]
    public async Task ProveRevokedAsync_RunTagValueInOtherCase_IsNotDenied()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync(SharedName, runId: RunA);
        var deny = RevocationPolicy.Document($"{h.Role.RoleId}:{SharedName}", RunA.ToUpperInvariant());
        h.Fake.PutRolePolicy(h.Role, "ValueCaseCheck", deny);

        var stillAllowed = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session));

        Assert.Equal(ErrorTypes.RevocationUnproven, stillAllowed.ErrorType);
    }

    [Fact]
    public async Task ProveRevokedAsync_RunDenyAgainstUntaggedSession_IsNotDenied()
    {
        await using var h = await IdentityHarness.StartAsync();
        var untagged = await h.AssumeAsync(SharedName);

        await h.RevokeAsync(untagged, userId: null, RunA);
        var stillAllowed = await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(untagged));

        Assert.Equal(ErrorTypes.RevocationUnproven, stillAllowed.ErrorType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("run,with,commas")]
    [InlineData("run#7")]
    public async Task RevokeSessionAsync_RunIdNotATagValue_RejectedBeforeAnyCall(string runId)
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync(SharedName, runId: RunA);
        h.Fake.ClearRequests();

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => h.RevokeAsync(session, userId: null, runId));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains($"Run id '{runId}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SessionNaming.RunTagKey, failure.Message, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Requests);
        Assert.Empty(h.Fake.GetRolePolicies(h.Role));
    }

    private static string RunTagOf(IdentityHarness h, string? accessKeyId) =>
        h.Fake.Sessions.Single(s => s.AccessKeyId == accessKeyId).Tags[SessionNaming.RunTagKey];
}
