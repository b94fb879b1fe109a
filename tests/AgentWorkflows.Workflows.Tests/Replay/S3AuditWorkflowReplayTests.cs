using AgentWorkflows.Workflows.Contracts;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;
using Xunit;
using static AgentWorkflows.Workflows.Tests.Replay.AuditScenario;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// Replays histories built event by event against <see cref="S3AuditWorkflow"/>. A clean replay proves
/// the code issues exactly the commands of the history, in order, up to its terminal event; the recorded
/// activity arguments prove what replay itself does not compare (the report's outcome, the sessions).
/// </summary>
public sealed class S3AuditWorkflowReplayTests
{
    private static readonly VerdictCounts FirstBatch = new(1, 98, 1);
    private static readonly VerdictCounts SecondBatch = new(0, 50, 0);

    /// <summary>150 buckets in one page: two scans, both done.</summary>
    public static WorkflowHistory SuccessHistory(IReadOnlyList<IReadOnlyCollection<object?>>? inputs = null)
    {
        var audit = new AuditScenario();
        if (inputs is not null)
        {
            audit.History.WithActivityInputs(inputs);
        }

        audit.AssumeAndVerify().ReadAccountBlock().ListPage(150);
        var scans = audit.ScheduleScans(2);
        return audit
            .ScanDone(scans[0], 0, FirstBatch)
            .ScanDone(scans[1], 1, SecondBatch)
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.SucceededWithGaps, FirstBatch.Add(SecondBatch));
    }

    /// <summary>One scan fails with AccessDenied while the other runs; that one is cancelled and awaited.</summary>
    public static AuditScenario ScanFailedUntilCleanup()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(150);
        var scans = audit.ScheduleScans(2);
        audit.History.Fail(scans[0], AppFailure("GetBucketPolicy answered AccessDenied", "Aws.AccessDenied"));
        audit.History.ActivityCancelRequested(scans[1]).ActivityCanceled(scans[1]);
        return audit.ReportWritten().RevokedAndProven();
    }

    [Fact]
    public async Task RunAsync_SuccessHistory_ReplaysAndReportsBeforeRevoking()
    {
        var replay = await Replayer.ReplayAsync(SuccessHistory());

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(
            [
                ActivityNames.AssumeRole, ActivityNames.VerifyIdentity, ActivityNames.ReadAccountPublicAccessBlock,
                ActivityNames.ListBucketsPage, ActivityNames.ScanBucketBatch, ActivityNames.ScanBucketBatch,
                ActivityNames.WriteReport, ActivityNames.RevokeSession, ActivityNames.ProveRevoked,
            ],
            replay.Names);

        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.SucceededWithGaps, report.Outcome);
        Assert.Null(report.Error);
        Assert.Equal(2, report.BatchCount);
        Assert.Equal($"{WorkflowId}/{RunId}", report.RunKey);
        Assert.Equal(CallerArn, report.CallerArn);
        // StartedAt is the workflow's now in its first task: the start time of that task's started event.
        var firstTaskStarted = SuccessHistory().Events.First(e => e.WorkflowTaskStartedEventAttributes is not null);
        Assert.Equal(firstTaskStarted.EventTime.ToDateTime(), report.StartedAt.UtcDateTime);

        var result = Assert.IsType<S3AuditResult>(replay.Recorder.RunResult);
        Assert.Equal(AuditOutcome.SucceededWithGaps, result.Outcome);
        Assert.Equal(new VerdictCounts(1, 148, 1), result.Counts);
        Assert.Equal(Report.ReportUri, result.ReportLocation);
    }

    [Fact]
    public async Task RunAsync_SuccessHistory_SchedulesWithTheDerivedSessionAndBatchesOf100()
    {
        var replay = await Replayer.ReplayAsync(SuccessHistory());

        var assume = replay.Single<AssumeRoleInput>(ActivityNames.AssumeRole);
        Assert.Equal(SessionName, assume.SessionName);
        Assert.Equal("agent-7", assume.SourceIdentity);
        Assert.Equal(900, assume.DurationSeconds);
        Assert.Equal("agent-7", assume.SessionTags[SessionNaming.AgentTagKey]);
        Assert.Equal(WorkflowId, assume.SessionTags[SessionNaming.TaskTagKey]);
        Assert.Equal(CallerArn, replay.Single<VerifyIdentityInput>(ActivityNames.VerifyIdentity).ExpectedArn);
        Assert.Equal(S3AuditWorkflow.PageSize, replay.Single<ListBucketsPageInput>(
            ActivityNames.ListBucketsPage).PageSize);

        var scans = replay.All<ScanBatchInput>(ActivityNames.ScanBucketBatch);
        Assert.Equal([0, 1], scans.Select(s => s.BatchIndex));
        Assert.Equal([100, 50], scans.Select(s => s.BucketNames.Count));
        var scanOptions = replay.Activities.First(a => a.Name == ActivityNames.ScanBucketBatch).Options;
        Assert.Equal(ActivityCancellationType.WaitCancellationCompleted, scanOptions.CancellationType);
        Assert.Equal(TimeSpan.FromSeconds(30), scanOptions.HeartbeatTimeout);

        var revoke = replay.Single<RevokeSessionInput>(ActivityNames.RevokeSession);
        Assert.Equal(SessionName, revoke.SessionName);
        Assert.Equal(Caller.UserId, revoke.SessionUserId);
    }

    [Fact]
    public async Task RunAsync_TwoPages_ListsTheSecondPageAndScansEveryBatchInOrder()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock();
        var history = audit.History;
        history.Complete(history.Schedule(ActivityNames.ListBucketsPage), new BucketPage(Buckets(250), "page-2"));
        var firstPage = audit.ScheduleScans(3);
        var secondList = history.Schedule(ActivityNames.ListBucketsPage);
        history.Complete(secondList, new BucketPage(Buckets(150, 250), null));
        var fourth = audit.ScheduleScans(1)[0];
        audit.ScanDone(firstPage[0], 0, new VerdictCounts(0, 100, 0));
        var fifth = audit.ScheduleScans(1)[0];
        audit.ScanDone(firstPage[1], 1, new VerdictCounts(0, 100, 0))
            .ScanDone(firstPage[2], 2, new VerdictCounts(0, 50, 0))
            .ScanDone(fourth, 3, new VerdictCounts(0, 100, 0))
            .ScanDone(fifth, 4, new VerdictCounts(2, 48, 0))
            .ReportWritten()
            .RevokedAndProven();

        var replay = await Replayer.ReplayAsync(audit.Completed(AuditOutcome.Succeeded, new VerdictCounts(2, 398, 0)));

        Assert.Null(replay.ReplayFailure);
        var lists = replay.All<ListBucketsPageInput>(ActivityNames.ListBucketsPage);
        Assert.Equal([null, "page-2"], lists.Select(l => l.ContinuationToken));
        Assert.Equal([0, 1, 2, 3, 4], replay.All<ScanBatchInput>(ActivityNames.ScanBucketBatch).Select(s =>
            s.BatchIndex));
        Assert.Equal(AuditOutcome.Succeeded, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
        Assert.Equal(5, replay.Single<WriteReportInput>(ActivityNames.WriteReport).BatchCount);
    }

    [Fact]
    public async Task RunAsync_ScanFails_CancelsOtherScansThenReportsFailedThenRevokes()
    {
        var replay = await Replayer.ReplayAsync(ScanFailedUntilCleanup().Failed("Aws.AccessDenied"));

        Assert.Null(replay.ReplayFailure);
        AssertReportThenRevoke(replay);
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.Contains("ScanBucketBatch failed: GetBucketPolicy answered AccessDenied", report.Error,
            StringComparison.Ordinal);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal("Aws.AccessDenied", failure.ErrorType);
    }

    // The report counts the verdicts of batches cut short too; the run must not report fewer public buckets
    // than its report holds, or a scheduled job would miss exit code 2.
    [Fact]
    public async Task RunAsync_ScanFails_FailureCarriesTheReportsCountsOfPublicBuckets()
    {
        var replay = await Replayer.ReplayAsync(ScanFailedUntilCleanup().Failed("Aws.AccessDenied"));

        Assert.Null(replay.ReplayFailure);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Contains(
            $"found before it stopped: {Report.Counts.Public} public, {Report.Counts.NotPublic} not public",
            failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PageWithMoreNamesThanAskedFor_FailsBeforeScanning()
    {
        var history = new AuditScenario()
            .AssumeAndVerify()
            .ReadAccountBlock()
            .ListPage(S3AuditWorkflow.PageSize + 1)
            .ReportWritten()
            .RevokedAndProven()
            .Failed(ErrorTypes.WorkflowFault);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        Assert.DoesNotContain(ActivityNames.ScanBucketBatch, replay.Names);
        Assert.Equal(AuditOutcome.Failed, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.WorkflowFault, failure.ErrorType);
    }

    [Fact]
    public async Task RunAsync_IdentityMismatch_StopsBeforeAnyS3CallAndStillRevokes()
    {
        var stranger = new CallerIdentity(
            "arn:aws:sts::111122223333:assumed-role/OtherRole/" + SessionName, "111122223333", "AROAOTHER:x");
        var history = new AuditScenario()
            .AssumeAndVerify(stranger)
            .ReportWritten()
            .RevokedAndProven()
            .Failed(ErrorTypes.IdentityMismatch);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        Assert.Equal(
            [
                ActivityNames.AssumeRole, ActivityNames.VerifyIdentity, ActivityNames.WriteReport,
                ActivityNames.RevokeSession, ActivityNames.ProveRevoked,
            ],
            replay.Names);
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.Contains("OtherRole", report.Error, StringComparison.Ordinal);
        Assert.Null(report.CallerArn);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.IdentityMismatch, failure.ErrorType);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringScan_WaitsForScansThenReportsCancelledThenRevokes()
    {
        var history = CancelledDuringScan(waitForScans: true);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        AssertReportThenRevoke(replay);

        // Replay alone would accept a report scheduled in the same task as the cancel requests.
        var lastScanStopped = history.Events.Last(e => e.ActivityTaskCanceledEventAttributes is not null);
        var reportScheduled = replay.Activities.Single(a => a.Name == ActivityNames.WriteReport).ScheduledAt;
        Assert.True(
            reportScheduled > lastScanStopped.EventTime.ToDateTime(),
            $"the report was scheduled at {reportScheduled:O}, before the last scan stopped");
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Cancelled, report.Outcome);
        Assert.Equal(3, report.BatchCount);
        foreach (var cleanup in replay.Activities.SkipWhile(a => a.Name != ActivityNames.WriteReport))
        {
            Assert.False(cleanup.Options.CancellationToken?.IsCancellationRequested ?? true, cleanup.Name);
        }

        Assert.True(TemporalException.IsCanceledException(replay.Recorder.RunException!));
    }

    [Fact]
    public async Task RunAsync_ReportCannotBeWritten_StillRevokesThenFailsReportNotWritten()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(150);
        var scans = audit.ScheduleScans(2);
        audit.ScanDone(scans[0], 0, FirstBatch).ScanDone(scans[1], 1, SecondBatch);
        audit.History.Fail(
            audit.History.Schedule(ActivityNames.WriteReport),
            new ApplicationFailureException("PutObject answered SlowDown 5 times", "Aws.SlowDown"));
        var history = audit.RevokedAndProven().Failed(ErrorTypes.ReportNotWritten);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        AssertReportThenRevoke(replay);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.ReportNotWritten, failure.ErrorType);
        Assert.Contains("SlowDown", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ActivityResultTheCodeCannotHandle_EndsFailedAfterCleanup()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(40);
        var scan = audit.ScheduleScans(1)[0];
        var history = audit
            .ScanDone(scan, batchIndex: 7, new VerdictCounts(0, 40, 0))
            .ReportWritten()
            .RevokedAndProven()
            .Failed(ErrorTypes.WorkflowFault);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        AssertReportThenRevoke(replay);
        var report = replay.Single<WriteReportInput>(ActivityNames.WriteReport);
        Assert.Equal(AuditOutcome.Failed, report.Outcome);
        Assert.Contains("workflow code fault (InvalidOperationException)", report.Error, StringComparison.Ordinal);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.WorkflowFault, failure.ErrorType);
    }

    [Fact]
    public async Task RunAsync_SessionNearExpiry_RenewsSameNameAndProvesEachSession()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock();
        audit.History.Advance(TimeSpan.FromMinutes(11));
        audit.ListPage(150).AssumeAndVerify();
        var scans = audit.ScheduleScans(2);
        var history = audit
            .ScanDone(scans[0], 0, new VerdictCounts(0, 100, 0))
            .ScanDone(scans[1], 1, new VerdictCounts(0, 50, 0))
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.Succeeded, new VerdictCounts(0, 150, 0));

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        var assumes = replay.All<AssumeRoleInput>(ActivityNames.AssumeRole);
        Assert.Equal(2, assumes.Count);
        Assert.Equal(assumes[0].SessionName, assumes[1].SessionName);
        Assert.All(replay.All<ScanBatchInput>(ActivityNames.ScanBucketBatch), s => Assert.Equal(
            audit.Sessions[1], s.Session));
        Assert.Single(replay.All<RevokeSessionInput>(ActivityNames.RevokeSession));
        Assert.Equal(audit.Sessions[1].ExpiresAt, replay.Single<RevokeSessionInput>(
            ActivityNames.RevokeSession).ExpiresAt);
        Assert.Equal(
            [audit.Sessions[1], audit.Sessions[0]],
            replay.All<ProveRevokedInput>(ActivityNames.ProveRevoked).Select(p => p.Session));
    }

    [Fact]
    public async Task RunAsync_ScanAnswersSessionExpired_RenewsAndRetriesTheBatchOnce()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(80);
        var first = audit.ScheduleScans(1)[0];
        audit.History.Fail(first, AppFailure("the session's token expired", ErrorTypes.SessionExpired));
        audit.AssumeAndVerify();
        var retry = audit.ScheduleScans(1)[0];
        var history = audit
            .ScanDone(retry, 0, new VerdictCounts(0, 80, 0))
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.Succeeded, new VerdictCounts(0, 80, 0));

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        var scans = replay.All<ScanBatchInput>(ActivityNames.ScanBucketBatch);
        Assert.Equal([0, 0], scans.Select(s => s.BatchIndex));
        Assert.Equal([audit.Sessions[0], audit.Sessions[1]], scans.Select(s => s.Session));
        Assert.Equal(AuditOutcome.Succeeded, replay.Single<WriteReportInput>(ActivityNames.WriteReport).Outcome);
    }

    [Fact]
    public async Task RunAsync_InvalidInput_FailsWithoutAnyActivity()
    {
        var input = Input with { SessionDurationSeconds = 600, RoleSessionName = "agent[bot]/s3-audit" };
        var history = new AuditScenario(input).Failed(ErrorTypes.InvalidInput);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        Assert.Empty(replay.Activities);
        var failure = Assert.IsType<ApplicationFailureException>(replay.Recorder.RunException);
        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains("sessionDurationSeconds 600 is below the 900 s minimum", failure.Message,
            StringComparison.Ordinal);
        Assert.Contains("agent[bot]/s3-audit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidInputHistoryThatAssumesTheRole_FailsReplay()
    {
        var input = Input with { SessionDurationSeconds = 600 };
        var audit = new AuditScenario(input).AssumeAndVerify().ReportWritten().RevokedAndProven();

        var replay = await Replayer.ReplayAsync(audit.Failed(ErrorTypes.InvalidInput));

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_HistoryRevokingBeforeTheReport_FailsReplay()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(150);
        var scans = audit.ScheduleScans(2);
        audit.ScanDone(scans[0], 0, FirstBatch).ScanDone(scans[1], 1, SecondBatch);
        var history = audit.History;
        history.Complete(history.Schedule(ActivityNames.RevokeSession), new RevocationRecord("S3Auditor", "deny"));
        history.Complete(history.Schedule(ActivityNames.WriteReport), Report);
        history.Complete(history.Schedule(ActivityNames.ProveRevoked), new RevocationProof("s3:ListAllMyBuckets",
            "AccessDenied"));

        var replay = await Replayer.ReplayAsync(audit.Completed(AuditOutcome.SucceededWithGaps, FirstBatch.Add(
            SecondBatch)));

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_HistoryWithoutRevocation_FailsReplay()
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(150);
        var scans = audit.ScheduleScans(2);
        var history = audit
            .ScanDone(scans[0], 0, FirstBatch)
            .ScanDone(scans[1], 1, SecondBatch)
            .ReportWritten()
            .Completed(AuditOutcome.SucceededWithGaps, FirstBatch.Add(SecondBatch));

        var replay = await Replayer.ReplayAsync(history);

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_HistoryCompletingWhereTheCodeFails_FailsReplay()
    {
        var history = ScanFailedUntilCleanup().Completed(AuditOutcome.Failed, VerdictCounts.Zero);

        var replay = await Replayer.ReplayAsync(history);

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_HistoryWithVerifyBeforeAssume_FailsReplay()
    {
        var audit = new AuditScenario();
        var history = audit.History;
        history.Complete(history.Schedule(ActivityNames.VerifyIdentity), Caller);
        history.Complete(history.Schedule(ActivityNames.AssumeRole), Session(1, Start.AddMinutes(15)));
        audit.ReadAccountBlock().ListPage(0).ReportWritten();
        audit.Sessions.Add(Session(1, Start.AddMinutes(15)));
        audit.RevokedAndProven();

        var replay = await Replayer.ReplayAsync(audit.Completed(AuditOutcome.Succeeded, VerdictCounts.Zero));

        Assert.NotNull(replay.ReplayFailure);
    }

    [Fact]
    public async Task RunAsync_EmptyAccount_ReplaysWithoutScans()
    {
        var history = new AuditScenario()
            .AssumeAndVerify()
            .ReadAccountBlock()
            .ListPage(0)
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.Succeeded, VerdictCounts.Zero);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        Assert.DoesNotContain(ActivityNames.ScanBucketBatch, replay.Names);
        Assert.Equal(0, replay.Single<WriteReportInput>(ActivityNames.WriteReport).BatchCount);
    }

    [Fact]
    public async Task RunAsync_HistoryReportingAsSoonAsCancelled_FailsReplay()
    {
        var replay = await Replayer.ReplayAsync(CancelledDuringScan(waitForScans: false));

        Assert.NotNull(replay.ReplayFailure);
    }

    /// <summary>
    /// Three scans run; the first finishes, then the workflow is cancelled. With
    /// <paramref name="waitForScans"/> the report follows the scans' acknowledgements (what the code
    /// must do); without, it is scheduled in the same task as the cancel requests (what TryCancel does).
    /// </summary>
    private static WorkflowHistory CancelledDuringScan(bool waitForScans)
    {
        var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock().ListPage(250);
        var scans = audit.ScheduleScans(3);
        audit.ScanDone(scans[0], 0, new VerdictCounts(0, 100, 0));
        var history = audit.History.CancelRequested();

        // A CancellationTokenSource runs its callbacks newest first, so the later scan is asked first.
        history.ActivityCancelRequested(scans[2]).ActivityCancelRequested(scans[1]);
        if (waitForScans)
        {
            history.ActivityCanceled(scans[1]).ActivityCanceled(scans[2]);
        }

        audit.ReportWritten().RevokedAndProven();
        return audit.Canceled();
    }

    private static void AssertReportThenRevoke(ReplayOutcome replay)
    {
        var names = replay.Names.ToList();
        var report = names.IndexOf(ActivityNames.WriteReport);
        var revoke = names.IndexOf(ActivityNames.RevokeSession);
        Assert.True(report >= 0, "no report was written");
        Assert.True(revoke > report, $"revocation at {revoke} does not follow the report at {report}");
        Assert.Equal(ActivityNames.ProveRevoked, names[^1]);
    }
}
