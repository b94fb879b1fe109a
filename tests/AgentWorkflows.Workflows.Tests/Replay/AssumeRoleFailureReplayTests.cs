using AgentWorkflows.Workflows.Contracts;
using Temporalio.Common;
using Temporalio.Exceptions;
using Xunit;
using static AgentWorkflows.Workflows.Tests.Replay.AuditScenario;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// Field case I4, workflow half: STS refuses AssumeRole for good. The run writes a Failed report, revokes
/// the session name as a precaution (an attempt may have minted a session the run never saw), proves
/// nothing, since it holds no session to prove with, and ends Failed with the STS error type.
/// </summary>
public sealed class AssumeRoleFailureReplayTests
{
    private const string ValidationError = "Aws.ValidationError";
    private const string StsMessage =
        "STS AssumeRole failed: ValidationError (HTTP 400): 1 validation error detected: roleSessionName";

    private static ApplicationFailureException StsRefusal() => new(StsMessage, ValidationError, nonRetryable: true);

    [Fact]
    public async Task RunAsync_FieldCaseI4AssumeRoleValidationError_ReportsFailedRevokesAndFails()
    {
        var history = new AuditScenario()
            .AssumeRoleFails(StsRefusal())
            .ReportWritten()
            .RevokedAndProven()
            .Failed(ValidationError);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(
            [ActivityNames.AssumeRole, ActivityNames.WriteReport, ActivityNames.RevokeSession],
            replay.Names);
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.Equal($"{ActivityNames.AssumeRole} failed: {StsMessage}", report.Error);
        Assert.Null(report.CallerArn);
        Assert.Equal(0, report.BatchCount);
        Assert.Null(report.AccountBlock);

        var revoke = replay.Single<RevokeSessionInput>(ActivityNames.RevokeSession);
        Assert.Null(revoke.SessionUserId);
        Assert.Equal(SessionName, revoke.SessionName);
        Assert.Equal(Input.RoleArn, revoke.RoleArn);

        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ValidationError, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains(StsMessage, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FieldCaseI4HistoryWithoutTheReport_FailsReplay()
    {
        var history = new AuditScenario()
            .AssumeRoleFails(StsRefusal())
            .RevokedAndProven()
            .Failed(ValidationError);

        var replay = await Replayer.ReplayAsync(history);

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_FieldCaseI4HistoryProvingANeverMintedSession_FailsReplay()
    {
        var audit = new AuditScenario().AssumeRoleFails(StsRefusal()).ReportWritten().RevokedAndProven();
        audit.History.Complete(
            audit.History.Schedule(ActivityNames.ProveRevoked),
            new RevocationProof("s3:ListAllMyBuckets", "AccessDenied"));

        var replay = await Replayer.ReplayAsync(audit.Failed(ValidationError));

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_FieldCaseI4HistoryCompletingDespiteTheRefusal_FailsReplay()
    {
        var history = new AuditScenario()
            .AssumeRoleFails(StsRefusal())
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.Failed, VerdictCounts.Zero);

        var replay = await Replayer.ReplayAsync(history);

        Assert.NotNull(replay.ReplayFailure);
    }
}
