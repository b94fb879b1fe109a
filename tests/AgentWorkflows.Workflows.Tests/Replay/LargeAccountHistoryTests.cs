using System.Globalization;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// History size of large audits (issue 3). Each test builds the successful run that writes the most events
/// a server would record for it: every activity has its scheduled, started and completed events, and every
/// completion arrives alone and wakes its own workflow task, as when scans finish one by one. The history
/// follows the workflow's own schedule (pages of <see cref="S3AuditWorkflow.PageSize"/>, batches of
/// <see cref="S3AuditWorkflow.BatchSize"/>, at most <see cref="S3AuditWorkflow.MaxScansInFlight"/> scans
/// at once) and is replayed with the real workflow, so a clean replay shows it is the run the code makes.
/// </summary>
public sealed class LargeAccountHistoryTests
{
    /// <summary>The account size issue 3 names.</summary>
    private const int IssueBuckets = 10_000;

    /// <summary>Issue 3: a 10,000-bucket run stays below this many history events.</summary>
    private const int IssueEventTarget = 10_000;

    /// <summary>Temporal terminates a run whose history reaches this many events.</summary>
    private const int TemporalEventLimit = 51_200;

    /// <summary>
    /// The largest run may use at most half of Temporal's limit, which leaves over 25,000 events for what
    /// a success does not show: session renewals (18 events each), failed workflow tasks, cancellations.
    /// </summary>
    private const int LargestRunEventBudget = TemporalEventLimit / 2;

    /// <summary>
    /// Events of one activity (scheduled, started, completed) and of the workflow task its completion
    /// wakes (scheduled, started, completed).
    /// </summary>
    private const int EventsPerActivity = 6;

    /// <summary>The start event, the first workflow task (three events) and the completion event.</summary>
    private const int EventsOutsideActivities = 5;

    /// <summary>Assume, verify, account block, report, revoke, prove: the activities around the listing.</summary>
    private const int BracketActivities = 6;

    [Fact]
    public async Task RunAsync_TenThousandBucketsEachCompletionInItsOwnTask_StaysBelowTenThousandEvents()
    {
        var run = LargeRun.Build(IssueBuckets);

        var replay = await Replayer.ReplayAsync(run.History);

        Assert.Null(replay.ReplayFailure);
        AssertTheWorkflowRanThisHistory(run, replay);
        var events = run.History.Events.Count;
        Print(run, events);
        Assert.True(
            events < IssueEventTarget,
            $"a {IssueBuckets}-bucket run writes {events} history events, but issue 3 requires fewer than " +
            $"{IssueEventTarget}");
    }

    /// <summary>
    /// Builds and replays the largest run (<see cref="S3AuditWorkflow.MaxBucketsPerRun"/>); both take a few
    /// seconds, so this one replays too rather than only counting.
    /// </summary>
    [Fact]
    public async Task RunAsync_LargestRunTheWorkflowAllows_StaysWithinHalfOfTemporalsEventLimit()
    {
        var run = LargeRun.Build(S3AuditWorkflow.MaxBucketsPerRun);

        var replay = await Replayer.ReplayAsync(run.History);

        Assert.Null(replay.ReplayFailure);
        AssertTheWorkflowRanThisHistory(run, replay);
        var events = run.History.Events.Count;
        Print(run, events);
        Assert.True(
            events <= LargestRunEventBudget,
            $"a {S3AuditWorkflow.MaxBucketsPerRun}-bucket run writes {events} history events, more than " +
            $"{LargestRunEventBudget}, half of Temporal's {TemporalEventLimit}-event limit");
    }

    /// <summary>
    /// The replay reached the run's end with every bucket scanned once, and the history has the worst-case
    /// layout: one workflow task per activity completion, six events per activity.
    /// </summary>
    private static void AssertTheWorkflowRanThisHistory(LargeRun run, ReplayOutcome replay)
    {
        var result = Assert.IsType<S3AuditResult>(replay.Recorder.RunResult);
        Assert.Equal(AuditOutcome.Succeeded, result.Outcome);
        Assert.Equal(run.Buckets, result.Counts.Total);

        Assert.Equal(run.Pages, replay.All<ListBucketsPageInput>(ActivityNames.ListBucketsPage).Count);
        var scans = replay.All<ScanBatchInput>(ActivityNames.ScanBucketBatch);
        Assert.Equal(Enumerable.Range(0, run.Batches), scans.Select(s => s.BatchIndex));
        var scanned = scans.SelectMany(s => s.BucketNames).ToList();
        Assert.Equal(run.Buckets, scanned.Count);
        Assert.Equal(run.Buckets, scanned.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(run.Batches, replay.Single<WriteReportInput>(ActivityNames.WriteReport).BatchCount);

        var activities = BracketActivities + run.Pages + run.Batches;
        Assert.Equal(activities, replay.Activities.Count);
        Assert.Equal(activities, Count(run, EventType.ActivityTaskCompleted));
        Assert.Equal(activities + 1, Count(run, EventType.WorkflowTaskCompleted));
        Assert.Equal(EventsPerActivity * activities + EventsOutsideActivities, run.History.Events.Count);
    }

    private static int Count(LargeRun run, EventType type) => run.History.Events.Count(e => e.EventType == type);

    private static void Print(LargeRun run, int events) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{run.Buckets} buckets: {run.Pages} ListBucketsPage, {run.Batches} ScanBucketBatch, " +
            $"{events} history events (issue target < {IssueEventTarget}, Temporal limit {TemporalEventLimit})"));

    /// <summary>A successful audit of <see cref="Buckets"/> buckets as the workflow schedules it.</summary>
    private sealed record LargeRun(int Buckets, int Pages, int Batches, WorkflowHistory History)
    {
        /// <summary>
        /// Lists <paramref name="buckets"/> buckets page by page. After each page the workflow starts its
        /// batches in order, waiting for one scan to finish whenever
        /// <see cref="S3AuditWorkflow.MaxScansInFlight"/> run; the oldest scan finishes first, each in its own
        /// workflow task, which starts the next batch. The next page is listed in the task that started the
        /// page's last batch, and its answer comes before any running scan finishes.
        /// </summary>
        public static LargeRun Build(int buckets)
        {
            var audit = new AuditScenario().AssumeAndVerify().ReadAccountBlock();
            var running = new Queue<(long ScheduledId, int BatchIndex, int Size)>();
            var pages = (buckets + S3AuditWorkflow.PageSize - 1) / S3AuditWorkflow.PageSize;
            var batches = 0;
            for (var page = 0; page < pages; page++)
            {
                var first = page * S3AuditWorkflow.PageSize;
                var names = AuditScenario.Buckets(Math.Min(S3AuditWorkflow.PageSize, buckets - first), first);
                var token = page + 1 < pages ? string.Create(CultureInfo.InvariantCulture, $"p{page + 1}") : null;
                audit.Then(h => h.Complete(h.Schedule(ActivityNames.ListBucketsPage), new BucketPage(names, token)));

                foreach (var batch in names.Chunk(S3AuditWorkflow.BatchSize))
                {
                    if (running.Count >= S3AuditWorkflow.MaxScansInFlight)
                    {
                        FinishOldest(audit, running);
                    }

                    running.Enqueue((audit.ScheduleScans(1)[0], batches++, batch.Length));
                }
            }

            while (running.Count > 0)
            {
                FinishOldest(audit, running);
            }

            var history = audit
                .ReportWritten()
                .RevokedAndProven()
                .Completed(AuditOutcome.Succeeded, new VerdictCounts(0, buckets, 0));
            return new LargeRun(buckets, pages, batches, history);
        }

        private static void FinishOldest(
            AuditScenario audit, Queue<(long ScheduledId, int BatchIndex, int Size)> running)
        {
            var (scheduledId, batchIndex, size) = running.Dequeue();
            audit.ScanDone(scheduledId, batchIndex, new VerdictCounts(0, size, 0));
        }
    }
}
