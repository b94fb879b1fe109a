using AgentWorkflows.Workflows.Contracts;
using Temporalio.Common;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// The bound on scans in flight. Replay accepts a command the code issues earlier than the history
/// records it (it waits in the queue until its event comes), so a history with the extra scan in a later
/// task cannot catch over-scheduling on its own. Two checks close the gap: a history that schedules one
/// scan more than the bound in a single task must fail replay, and in the correct history the extra scan
/// must have been scheduled only after the first scan completed.
/// </summary>
public sealed class ScanConcurrencyReplayTests
{
    private const int Batches = S3AuditWorkflow.MaxScansInFlight + 1;

    private static readonly VerdictCounts FullBatch = new(0, S3AuditWorkflow.BatchSize, 0);

    [Fact]
    public async Task RunAsync_OneBatchMoreThanTheBound_SchedulesTheExtraScanOnlyAfterACompletion()
    {
        var history = OneBatchOverTheBound(extraScanInFirstTask: false, out var firstScanCompleted);

        var replay = await Replayer.ReplayAsync(history);

        Assert.Null(replay.ReplayFailure);
        var scans = replay.Activities.Where(a => a.Name == ActivityNames.ScanBucketBatch).ToList();
        Assert.Equal(Batches, scans.Count);
        Assert.Equal(
            Enumerable.Range(0, Batches),
            scans.Select(s => ((ScanBatchInput)s.Args.Single()!).BatchIndex));
        var firstTask = scans[0].ScheduledAt;
        Assert.All(scans.Take(S3AuditWorkflow.MaxScansInFlight), s => Assert.Equal(firstTask, s.ScheduledAt));
        var extra = scans[S3AuditWorkflow.MaxScansInFlight];
        Assert.True(
            extra.ScheduledAt > firstScanCompleted,
            $"scan {Batches} was scheduled at {extra.ScheduledAt:O}, before the first scan completed at " +
            $"{firstScanCompleted:O}: more than {S3AuditWorkflow.MaxScansInFlight} scans were in flight");
        Assert.Equal(Batches, replay.Single<WriteReportInput>(ActivityNames.WriteReport).BatchCount);
    }

    [Fact]
    public async Task RunAsync_HistoryWithOneScanOverTheBoundInTheFirstTask_FailsReplay()
    {
        var history = OneBatchOverTheBound(extraScanInFirstTask: true, out _);

        var replay = await Replayer.ReplayAsync(history);

        Assert.NotNull(replay.ReplayFailure);
    }

    /// <summary>
    /// One page of <see cref="Batches"/> full batches, every scan succeeds. With
    /// <paramref name="extraScanInFirstTask"/> all scans are scheduled in the task after the listing (what
    /// an over-scheduling workflow records); without, the last one follows the first scan's completion.
    /// </summary>
    private static WorkflowHistory OneBatchOverTheBound(bool extraScanInFirstTask, out DateTime firstScanCompleted)
    {
        Assert.True(Batches * S3AuditWorkflow.BatchSize <= S3AuditWorkflow.PageSize, "the batches need one page");
        var audit = new AuditScenario()
            .AssumeAndVerify()
            .ReadAccountBlock()
            .ListPage(Batches * S3AuditWorkflow.BatchSize);
        var scans = audit.ScheduleScans(extraScanInFirstTask ? Batches : S3AuditWorkflow.MaxScansInFlight).ToList();
        audit.ScanDone(scans[0], 0, FullBatch);
        firstScanCompleted = audit.History.Build().Events
            .Last(e => e.ActivityTaskCompletedEventAttributes is not null).EventTime.ToDateTime();
        if (!extraScanInFirstTask)
        {
            scans.Add(audit.ScheduleScans(1)[0]);
        }

        for (var batch = 1; batch < Batches; batch++)
        {
            audit.ScanDone(scans[batch], batch, FullBatch);
        }

        return audit
            .ReportWritten()
            .RevokedAndProven()
            .Completed(AuditOutcome.Succeeded, new VerdictCounts(0, Batches * S3AuditWorkflow.BatchSize, 0));
    }
}
