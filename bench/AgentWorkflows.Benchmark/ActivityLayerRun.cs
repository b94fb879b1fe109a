using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Activities;
using Temporalio.Converters;
using Temporalio.Testing;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Mode "activities": calls the real activities in the order and with the limits the workflow uses
/// (assume, verify, account block, list pages, scan batches with a bounded number in flight, write the
/// report, revoke, prove), each inside an <see cref="ActivityEnvironment"/> so that heartbeats and
/// cancellation tokens are real. Heartbeat details are turned into payloads as a worker would.
/// </summary>
internal sealed class ActivityLayerRun(BenchSettings settings, ActivitySet activities, string reportDirectory)
{
    private const string WorkflowId = "bench-audit";

    private long heartbeats;
    private long heartbeatBytes;
    private long largestHeartbeat;

    public long Heartbeats => Interlocked.Read(ref heartbeats);

    public long HeartbeatBytes => Interlocked.Read(ref heartbeatBytes);

    public long LargestHeartbeat => Interlocked.Read(ref largestHeartbeat);

    public async Task<VerdictCounts> RunAsync(BenchTarget target, string runId)
    {
        ArgumentNullException.ThrowIfNull(target);
        var input = new S3AuditInput(
            target.AccountId,
            target.RoleArn,
            "bench-agent",
            new ReportDestination(LocalDirectory: reportDirectory));
        var plan = AuditPlan.Create(input, WorkflowId, runId);
        var startedAt = DateTimeOffset.UtcNow;

        var session = await RunAsync(ActivityNames.AssumeRole,
            () => activities.Identity.AssumeRoleAsync(plan.AssumeRoleRequest())).ConfigureAwait(false);
        var caller = await RunAsync(ActivityNames.VerifyIdentity,
            () => activities.Identity.VerifyIdentityAsync(new VerifyIdentityInput(session, plan.ExpectedCallerArn)))
            .ConfigureAwait(false);
        var accountBlock = await RunAsync(ActivityNames.ReadAccountPublicAccessBlock,
            () => activities.Scan.ReadAccountPublicAccessBlockAsync(
                new AccountPublicAccessBlockInput(session, target.AccountId))).ConfigureAwait(false);

        var counts = VerdictCounts.Zero;
        var scans = new List<Task<ScanBatchResult>>();
        var batchIndex = 0;
        string? continuation = null;
        do
        {
            var token = continuation;
            var page = await RunAsync(ActivityNames.ListBucketsPage,
                () => activities.Scan.ListBucketsPageAsync(
                    new ListBucketsPageInput(session, null, token, S3AuditWorkflow.PageSize))).ConfigureAwait(false);
            foreach (var batch in page.BucketNames.Chunk(settings.BatchSize))
            {
                while (scans.Count >= settings.ScansInFlight)
                {
                    counts = counts.Add(await CollectOneAsync(scans).ConfigureAwait(false));
                }

                var scanInput = new ScanBatchInput(
                    session, target.AccountId, accountBlock, batchIndex++, batch, input.Report, plan.RunKey);
                scans.Add(RunAsync(ActivityNames.ScanBucketBatch,
                    () => activities.Scan.ScanBucketBatchAsync(scanInput)));
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        while (scans.Count > 0)
        {
            counts = counts.Add(await CollectOneAsync(scans).ConfigureAwait(false));
        }

        var outcome = counts.Unknown > 0 ? AuditOutcome.SucceededWithGaps : AuditOutcome.Succeeded;
        var report = new WriteReportInput(
            plan.RunKey, WorkflowId, runId, target.AccountId, target.RoleArn, input.AgentId, plan.SessionName,
            caller.Arn, outcome, null, startedAt, DateTimeOffset.UtcNow, batchIndex, accountBlock, input.Report);
        var written = await RunAsync(ActivityNames.WriteReport, () => activities.Report.WriteReportAsync(report))
            .ConfigureAwait(false);

        await RunAsync(ActivityNames.RevokeSession, () => activities.Identity.RevokeSessionAsync(
            new RevokeSessionInput(target.RoleArn, plan.SessionName, caller.UserId, session.ExpiresAt)))
            .ConfigureAwait(false);
        await RunAsync(ActivityNames.ProveRevoked, () => activities.Identity.ProveRevokedAsync(
            new ProveRevokedInput(session))).ConfigureAwait(false);

        return written.Counts.Total == counts.Total
            ? counts
            : throw new InvalidOperationException(
                $"The report counts {written.Counts.Total} buckets but the batches returned {counts.Total}; " +
                "the report must hold every scanned bucket.");
    }

    private static async Task<VerdictCounts> CollectOneAsync(List<Task<ScanBatchResult>> scans)
    {
        var done = await Task.WhenAny(scans).ConfigureAwait(false);
        scans.Remove(done);
        return (await done.ConfigureAwait(false)).Counts;
    }

    private Task<T> RunAsync<T>(string activityType, Func<Task<T>> activity)
    {
        var environment = new ActivityEnvironment
        {
            Info = ActivityEnvironment.DefaultInfo with
            {
                ActivityType = activityType,
                WorkflowId = WorkflowId,
                HeartbeatTimeout = AuditActivityOptions.ScanHeartbeatTimeout,
            },
            Heartbeater = Heartbeat,
        };
        return environment.RunAsync(activity);
    }

    /// <summary>A worker turns every heartbeat's details into payloads; so does the benchmark.</summary>
    private void Heartbeat(object?[] details)
    {
        long size = 0;
        foreach (var detail in details)
        {
            size += DataConverter.Default.PayloadConverter.ToPayload(detail).CalculateSize();
        }

        Interlocked.Increment(ref heartbeats);
        Interlocked.Add(ref heartbeatBytes, size);
        var seen = Interlocked.Read(ref largestHeartbeat);
        while (size > seen && Interlocked.CompareExchange(ref largestHeartbeat, size, seen) != seen)
        {
            seen = Interlocked.Read(ref largestHeartbeat);
        }
    }
}

/// <summary>The activity instances one mode runs, built on one client factory and sealer.</summary>
internal sealed record ActivitySet(IdentityActivities Identity, S3AuditActivities Scan, ReportActivities Report);
