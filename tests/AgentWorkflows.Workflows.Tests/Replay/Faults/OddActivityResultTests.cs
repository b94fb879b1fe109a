using AgentWorkflows.Workflows.Contracts;
using AgentWorkflows.Workflows.Tests.Replay;
using Temporalio.Exceptions;
using Xunit;
using static AgentWorkflows.Workflows.Tests.Replay.AuditScenario;

namespace AgentWorkflows.Workflows.Tests.Replay.Faults;

/// <summary>
/// Activities that return results the workflow should not trust. Each history is
/// built to what the workflow SHOULD do; a replay failure means the code does something else.
/// </summary>
public sealed class OddActivityResultTests
{
    /// <summary>
    /// ListBuckets answers an empty page that points back at the token it was asked with. The loop
    /// only stops on a null token, so the code lists again and again; each page adds events until the
    /// server's history limit terminates the run without report or revocation.
    /// </summary>
    [Fact]
    public async Task RunAsync_ListBucketsRepeatsItsContinuationToken_FailsInsteadOfListingForever()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock();
        var history = audit.History;
        history.Complete(history.Schedule(ActivityNames.ListBucketsPage), new BucketPage([], "tok-1"));
        history.Complete(history.Schedule(ActivityNames.ListBucketsPage), new BucketPage([], "tok-1"));
        var failed = audit.ReportWritten().RevokedAndProven().Failed(ErrorTypes.WorkflowFault);

        var replay = await Replayer.ReplayAsync(failed);

        Assert.True(
            replay.ReplayFailure is null,
            $"the workflow did not stop on a repeated continuation token; it scheduled: " +
            string.Join(", ", replay.Names));
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.Contains("tok-1", report.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A batch of 40 buckets answers counts for none of them. The workflow adds the zeros and reports
    /// the audit Succeeded with 0 buckets judged: 40 buckets silently vanish from a "clean" result.
    /// </summary>
    [Fact]
    public async Task RunAsync_ScanCountsFewerVerdictsThanBuckets_EndsFailedNotSucceeded()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(40);
        var scan = audit.ScheduleScans(1)[0];
        var history = audit
            .ScanDone(scan, 0, VerdictCounts.Zero)
            .ReportWritten()
            .RevokedAndProven()
            .Failed(ErrorTypes.WorkflowFault);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
    }

    /// <summary>
    /// STS hands back a session that is already past (or within the 5-minute renewal margin of the
    /// workflow's clock, e.g. clock skew between Temporal and AWS). The code renews before every call,
    /// so each page and each batch mints (and at the end must prove) a new session. It should stop
    /// with a clear error after the first such mint, before any S3 call.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public async Task RunAsync_FreshSessionAlreadyInsideRenewalMargin_FailsInsteadOfMintingPerCall(int minutesLeft)
    {
        var audit = new AuditScenario();
        var history = audit.History;
        var session = Session(1, history.Clock.AddMinutes(minutesLeft));
        audit.Sessions.Add(session);
        history.Complete(history.Schedule(ActivityNames.AssumeRole), session);
        history.Complete(history.Schedule(ActivityNames.VerifyIdentity), Caller);
        var failed = audit.ReportWritten().RevokedAndProven().Failed(ErrorTypes.SessionTooShort);

        var replay = await Replayer.ReplayAsync(failed);

        Assert.True(
            replay.ReplayFailure is null,
            "the workflow used or renewed a session that was stale when minted; it scheduled: " +
            string.Join(", ", replay.Names));
        Assert.Equal(AuditOutcome.Failed, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
    }
}
