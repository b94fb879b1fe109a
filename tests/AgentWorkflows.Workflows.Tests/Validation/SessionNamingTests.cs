using System.Text.RegularExpressions;
using AgentWorkflows.Workflows.Contracts;
using AgentWorkflows.Workflows.Tests.Replay;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Validation;

public sealed partial class SessionNamingTests
{
    private const string RunId = "0f7c2a51-3d6e-4b8a-9c10-2e5f6a7b8c9d";
    private const string OtherRunId = "6a1d9e04-7b2c-4f3e-8d5a-1c0b9e8f7a6d";

    [Fact]
    public void DeriveSessionName_SameIds_SameName()
    {
        Assert.Equal(
            SessionNaming.DeriveSessionName("audit-nightly", "run-1"),
            SessionNaming.DeriveSessionName("audit-nightly", "run-1"));
    }

    [Fact]
    public void DeriveSessionName_TwoRunsOfOneWorkflow_DifferentNames()
    {
        var first = SessionNaming.DeriveSessionName("audit-nightly", "2b1c1f7e-0000-4000-8000-000000000001");
        var second = SessionNaming.DeriveSessionName("audit-nightly", "2b1c1f7e-0000-4000-8000-000000000002");

        Assert.NotEqual(first, second);
        Assert.StartsWith("audit-nightly-", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit-nightly")]
    [InlineData("agent[bot]/s3 audit, run #7 — ünïcode")]
    [InlineData("////")]
    [InlineData("a-very-long-workflow-id-that-goes-on-and-on-well-past-the-sixty-four-character-limit-of-sts")]
    public void DeriveSessionName_AnyWorkflowId_ValidNameWithoutComma(string workflowId)
    {
        var name = SessionNaming.DeriveSessionName(workflowId, "run-1");

        Assert.Matches(DerivedName(), name);
        Assert.True(InputValidation.IsStsName(name));
    }

    [Fact]
    public void DeriveSessionName_LongIdsSharingAPrefix_StayDistinct()
    {
        var stem = new string('w', 80);

        Assert.NotEqual(
            SessionNaming.DeriveSessionName(stem + "-a", "run"), SessionNaming.DeriveSessionName(stem + "-b", "run"));
    }

    [Fact]
    public void SessionTags_ValidValues_AgentTaskAndRun()
    {
        var tags = SessionNaming.SessionTags("agent-7", "audit/nightly:111122223333", RunId);

        Assert.Equal("agent-7", tags[SessionNaming.AgentTagKey]);
        Assert.Equal("audit/nightly:111122223333", tags[SessionNaming.TaskTagKey]);
        Assert.Equal(RunId, tags[SessionNaming.RunTagKey]);
        Assert.Equal("agentworkflows:run-id", SessionNaming.RunTagKey);
        Assert.Equal(3, tags.Count);
    }

    [Fact]
    public void AuditPlan_CallerSessionName_AssumeRoleTaggedWithTheRunId()
    {
        var input = new S3AuditInput(
            "111122223333",
            "arn:aws:iam::111122223333:role/S3Auditor",
            "agent-7",
            new ReportDestination("b-1-2"),
            RoleSessionName: "shared-by-two-runs");

        var first = AuditPlan.Create(input, "wf", RunId).AssumeRoleRequest();
        var second = AuditPlan.Create(input, "wf", OtherRunId).AssumeRoleRequest();

        Assert.Equal(first.SessionName, second.SessionName);
        Assert.Equal(RunId, first.SessionTags[SessionNaming.RunTagKey]);
        Assert.Equal(OtherRunId, second.SessionTags[SessionNaming.RunTagKey]);
    }

    [Fact]
    public async Task RunAsync_SuccessHistory_TagsTheSessionAndScopesTheRevocationToTheRunId()
    {
        var replay = await Replayer.ReplayAsync(S3AuditWorkflowReplayTests.SuccessHistory());

        Assert.Null(replay.ReplayFailure);
        var assume = replay.Single<AssumeRoleInput>(ActivityNames.AssumeRole);
        Assert.Equal(AuditScenario.RunId, assume.SessionTags[SessionNaming.RunTagKey]);
        Assert.Equal(AuditScenario.RunId, replay.Single<RevokeSessionInput>(ActivityNames.RevokeSession).RunId);
    }

    [Fact]
    public void AuditPlan_RunIdNotATagValue_InvalidInputNamingIt()
    {
        var input = new S3AuditInput(
            "111122223333", "arn:aws:iam::111122223333:role/S3Auditor", "agent-7", new ReportDestination("b-1-2"));

        var failure = Assert.Throws<ApplicationFailureException>(() => AuditPlan.Create(input, "wf", "run#7"));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.Contains("run id 'run#7'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SessionNaming.RunTagKey, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit#7")]
    [InlineData("audit,7")]
    public void SessionTags_WorkflowIdNotATagValue_InvalidInputNamingIt(string workflowId)
    {
        var failure = Assert.Throws<ApplicationFailureException>(() => SessionNaming.SessionTags("agent-7",
            workflowId, RunId));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains($"workflow id '{workflowId}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SessionNaming.TaskTagKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionTags_WorkflowIdOver256_InvalidInput()
    {
        var failure = Assert.Throws<ApplicationFailureException>(
            () => SessionNaming.SessionTags("agent-7", new string('w', 257), RunId));

        Assert.Contains("(257 characters)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditPlan_AgentIdWithComma_RejectedAsTagValue()
    {
        var input = new S3AuditInput(
            "111122223333", "arn:aws:iam::111122223333:role/S3Auditor", "team,agent", new ReportDestination("b-1-2"));

        var failure = Assert.Throws<ApplicationFailureException>(() => AuditPlan.Create(input, "wf", "run"));

        Assert.Contains("agentId 'team,agent'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditPlan_CallerSessionName_UsedAsGiven()
    {
        var input = new S3AuditInput(
            "111122223333",
            "arn:aws:iam::111122223333:role/S3Auditor",
            "agent-7",
            new ReportDestination("b-1-2"),
            RoleSessionName: "Agent,7@nightly");

        var plan = AuditPlan.Create(input, "wf", "run");

        Assert.Equal("Agent,7@nightly", plan.SessionName);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/S3Auditor/Agent,7@nightly", plan.ExpectedCallerArn);
        Assert.Equal("wf/run", plan.RunKey);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/S3Auditor", "arn:aws:sts::111122223333:assumed-role/S3Auditor/s-1")]
    [InlineData("arn:aws:iam::111122223333:role/team/audit/S3Auditor",
        "arn:aws:sts::111122223333:assumed-role/S3Auditor/s-1")]
    [InlineData("arn:aws-us-gov:iam::111122223333:role/S3Auditor",
        "arn:aws-us-gov:sts::111122223333:assumed-role/S3Auditor/s-1")]
    [InlineData("arn:aws-cn:iam::111122223333:role/x/S3Auditor",
        "arn:aws-cn:sts::111122223333:assumed-role/S3Auditor/s-1")]
    public void ExpectedAssumedRoleArn_RoleArn_StsArnWithoutPath(string roleArn, string expected)
    {
        Assert.Equal(expected, SessionNaming.ExpectedAssumedRoleArn(roleArn, "s-1"));
    }

    [GeneratedRegex("^[A-Za-z0-9_+=.@-]{2,64}$")]
    private static partial Regex DerivedName();
}
