using AgentWorkflows.Workflows.Contracts;
using AgentWorkflows.Workflows.Tests.Replay;
using Temporalio.Exceptions;
using Xunit;
using static AgentWorkflows.Workflows.Tests.Replay.AuditScenario;

namespace AgentWorkflows.Workflows.Tests.Replay.Faults;

/// <summary>
/// Faults and cancellations while the identity bracket closes. The report must come
/// before the revocation, the cleanup must finish whatever arrives meanwhile, and an unproven
/// revocation must never end the run as if all were well.
/// </summary>
public sealed class CleanupUnderFaultTests
{
    private static readonly VerdictCounts Forty = new(0, 40, 0);

    [Fact]
    public async Task RunAsync_CancelledBeforeAssumeRoleReturns_ReportsCancelledThenRevokesTheName()
    {
        var replay = await Replayer.ReplayAsync(CancelledDuringAssume(revokeFails: false).Canceled());

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(
            [ActivityNames.AssumeRole, ActivityNames.WriteReport, ActivityNames.RevokeSession], replay.Names);
        Assert.Equal(AuditOutcome.Cancelled, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
        var revoke = replay.Single<RevokeSessionInput>(ActivityNames.RevokeSession);
        Assert.Null(revoke.SessionUserId);
        Assert.True(TemporalException.IsCanceledException(replay.Recorder.RunException!));
    }

    /// <summary>
    /// AssumeRole was in flight when the cancel came (TryCancel: the workflow does not wait for it), so a
    /// session may exist that the run never saw; that is why the name is revoked at all. When that
    /// revocation fails the code still counts it as proven and ends plainly Canceled, so nobody learns
    /// that a live session may be left. Expected: RevocationUnproven.
    /// </summary>
    [Fact]
    public async Task RunAsync_CancelledDuringAssumeAndPrecautionaryRevokeFails_EndsRevocationUnproven()
    {
        var history = CancelledDuringAssume(revokeFails: true)
            .Failed(AppFailure("revocation unproven", ErrorTypes.RevocationUnproven));

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.RevocationUnproven, failure.ErrorType);
    }

    [Fact]
    public async Task RunAsync_ReportFailsAndRevokeFails_EndsRevocationUnprovenNamingBoth()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(40);
        audit.ScanDone(audit.ScheduleScans(1)[0], 0, Forty);
        var history = audit.History;
        history.Fail(history.Schedule(ActivityNames.WriteReport), AppFailure("PutObject SlowDown", "Aws.SlowDown"));
        history.Fail(
            history.Schedule(ActivityNames.RevokeSession),
            AppFailure("PutRolePolicy AccessDenied", "Aws.AccessDenied"));

        var replay = await Replayer.ReplayAsync(audit.Failed(ErrorTypes.RevocationUnproven));

        Assert.Null(replay.ReplayFailure);
        Assert.DoesNotContain(ActivityNames.ProveRevoked, replay.Names);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.RevocationUnproven, failure.ErrorType);
        Assert.Contains("NOT written", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProofFailsAfterRetries_EndsRevocationUnproven()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(40);
        audit.ScanDone(audit.ScheduleScans(1)[0], 0, Forty).ReportWritten();
        var history = audit.History;
        history.Complete(history.Schedule(ActivityNames.RevokeSession), new RevocationRecord("S3Auditor", "deny"));
        history.Fail(
            history.Schedule(ActivityNames.ProveRevoked),
            AppFailure("still allowed s3:ListBuckets", ErrorTypes.RevocationUnproven));

        var replay = await Replayer.ReplayAsync(audit.Failed(ErrorTypes.RevocationUnproven));

        Assert.Null(replay.ReplayFailure);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.RevocationUnproven, failure.ErrorType);
    }

    /// <summary>Two cancel requests, one during the report and one during the revocation.</summary>
    [Fact]
    public async Task RunAsync_CancelledTwiceDuringCleanup_StillReportsRevokesAndProves()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(40);
        audit.ScanDone(audit.ScheduleScans(1)[0], 0, Forty);
        var history = audit.History;
        var report = history.Schedule(ActivityNames.WriteReport);
        history.CancelRequested();
        history.Complete(report, Report);
        var revoke = history.Schedule(ActivityNames.RevokeSession);
        history.CancelRequested();
        history.Complete(revoke, new RevocationRecord("S3Auditor", "deny"));
        history.Complete(
            history.Schedule(ActivityNames.ProveRevoked), new RevocationProof("s3:ListBuckets", "AccessDenied"));

        var replay = await Replayer.ReplayAsync(audit.Completed(AuditOutcome.Succeeded, Forty));

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(AuditOutcome.Succeeded, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
        Assert.IsType<S3AuditResult>(replay.Recorder.RunResult);
    }

    [Fact]
    public async Task RunAsync_RenewalAssumeRoleFails_ReportsFailedAndProvesTheFirstSession()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock();
        audit.History.Advance(TimeSpan.FromMinutes(11));
        audit.ListPage(40);
        var history = audit.History;
        history.Fail(
            history.Schedule(ActivityNames.AssumeRole), AppFailure("STS AssumeRole AccessDenied", "Aws.AccessDenied"));
        var failed = audit.ReportWritten().RevokedAndProven().Failed("Aws.AccessDenied");

        var replay = await Replayer.ReplayAsync(failed);

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(AuditOutcome.Failed, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
        Assert.Equal(audit.Sessions[0], replay.Single<ProveRevokedInput>(ActivityNames.ProveRevoked).Session);
    }

    /// <summary>AssumeRole scheduled, then the cancel arrives; report and revoke follow at once.</summary>
    private static HistoryBuilder CancelledDuringAssume(bool revokeFails)
    {
        var history = new AuditScenario().History;
        var assume = history.Schedule(ActivityNames.AssumeRole);
        history.CancelRequested().ActivityCancelRequested(assume);
        history.Complete(history.Schedule(ActivityNames.WriteReport), Report);
        var revoke = history.Schedule(ActivityNames.RevokeSession);
        if (revokeFails)
        {
            history.Fail(revoke, AppFailure("IAM PutRolePolicy: AccessDenied", "Aws.AccessDenied"));
        }
        else
        {
            history.Complete(revoke, new RevocationRecord("S3Auditor", "deny"));
        }

        return history;
    }
}
