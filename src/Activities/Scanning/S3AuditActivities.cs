using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// The reads of the audit, all made with the assumed session's credentials: the account's Block Public
/// Access, the bucket list, and the batched bucket scan that stores its verdicts as a report part.
/// </summary>
public sealed partial class S3AuditActivities(
    IAwsClientFactory clients,
    ISessionSealer sealer,
    IReportStoreFactory reportStores,
    ILogger<S3AuditActivities> logger,
    TimeProvider time,
    IOptions<S3AuditOptions> options,
    S3CallLimiter limiter)
{
    private const string AccountBlockPermission = "s3:GetAccountPublicAccessBlock";
    private const string ListPermission = "s3:ListAllMyBuckets";

    private readonly S3AuditOptions settings = options.Value;

    /// <summary>Account-level Block Public Access; a denied read becomes a gap naming the permission.</summary>
    [Activity(ActivityNames.ReadAccountPublicAccessBlock)]
    public async Task<AccountPublicAccessBlock> ReadAccountPublicAccessBlockAsync(AccountPublicAccessBlockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var credentials = OpenSession(input.Session);
        var control = clients.CreateS3Control(credentials, clients.Region);
        try
        {
            var flags = await control.GetPublicAccessBlockAsync(input.AccountId, CancellationToken)
                .ConfigureAwait(false);
            return new AccountPublicAccessBlock(flags ?? PublicAccessBlockFlags.None, null);
        }
        catch (Exception e) when (IsAwsError(e) && AwsErrorMapping.StatusOf(e) == 403
                                  && !AwsErrorMapping.IsExpiredCode(AwsErrorMapping.CodeOf(e)))
        {
            var code = AwsErrorMapping.CodeOf(e) ?? "AccessDenied";
            return new AccountPublicAccessBlock(null, $"{AccountBlockPermission} denied ({code}, HTTP 403)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
        {
            throw AwsErrorMapping.ToFailure("S3 Control GetPublicAccessBlock", e);
        }
    }

    /// <summary>One page of the account's buckets, optionally only those with a name prefix.</summary>
    [Activity(ActivityNames.ListBucketsPage)]
    public async Task<BucketPage> ListBucketsPageAsync(ListBucketsPageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.PageSize is < 1 or > 10000)
        {
            throw new ApplicationFailureException(
                $"Bucket page size {input.PageSize} is outside 1 to 10000, the range ListBuckets accepts.",
                ErrorTypes.InvalidInput,
                nonRetryable: true);
        }

        var s3 = clients.CreateS3(OpenSession(input.Session), clients.Region);
        var request = new ListBucketsRequest
        {
            MaxBuckets = input.PageSize,
            Prefix = string.IsNullOrEmpty(input.Prefix) ? null : input.Prefix,
            ContinuationToken = string.IsNullOrEmpty(input.ContinuationToken) ? null : input.ContinuationToken,
        };
        try
        {
            var response = await s3.ListBucketsAsync(request, CancellationToken).ConfigureAwait(false);
            var names = (response.Buckets ?? []).Select(b => b.BucketName).ToList();
            var next = string.IsNullOrEmpty(response.ContinuationToken) ? null : response.ContinuationToken;
            return new BucketPage(names, next);
        }
        catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
        {
            throw AwsErrorMapping.ToFailure($"S3 ListBuckets ({ListPermission})", e);
        }
    }

    /// <summary>
    /// Scans a batch of buckets, a bounded number at a time and every S3 call within the worker-wide
    /// <see cref="S3CallLimiter"/>, and stores their verdicts as part <see cref="ScanBatchInput.BatchIndex"/>
    /// of the run's report. Progress is heartbeated after the first bucket, then every
    /// <see cref="S3AuditOptions.HeartbeatEveryBuckets"/> buckets or <see cref="S3AuditOptions.HeartbeatInterval"/>,
    /// and always before a throttling wait and when the batch stops; a retried attempt resumes from the last
    /// heartbeat (or from the part an earlier attempt stored). A cancelled batch stores what it finished
    /// before the cancellation propagates.
    /// </summary>
    [Activity(ActivityNames.ScanBucketBatch)]
    public async Task<ScanBatchResult> ScanBucketBatchAsync(ScanBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = ActivityExecutionContext.Current;
        var cancellationToken = context.CancellationToken;
        CheckBatch(input);
        var store = OpenStore(input.Report);
        var partKey = PartKey(input);
        var credentials = OpenSession(input.Session);

        var progress = new BatchProgress(input.BatchIndex, input.BucketNames);
        var resumed = await ResumeAsync(context, progress, store, partKey, cancellationToken).ConfigureAwait(false);
        LogBatchStarted(logger, input.BatchIndex, input.BucketNames.Count, resumed, context.Info.Attempt);

        var pacer = new HeartbeatPacer(
            () => context.Heartbeat(progress.Checkpoint()), time, settings.HeartbeatEveryBuckets,
            settings.HeartbeatInterval);
        var runner = new S3CallRunner(
            region => clients.CreateS3(credentials, region), settings, time, limiter, pacer.Now);
        var reader = new BucketEvidenceReader(runner);
        var accountBlock = BucketEvidenceReader.AccountEvidence(input.AccountBlock);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.MaxConcurrency,
            CancellationToken = cancellationToken,
        };

        try
        {
            await Parallel.ForEachAsync(progress.Pending(), parallel, async (index, token) =>
            {
                var bucket = input.BucketNames[index];
                var (evidence, calls) = await reader.ReadAsync(bucket, input.AccountId, accountBlock, token)
                    .ConfigureAwait(false);
                var verdict = PublicAccessRules.Evaluate(evidence);
                progress.Complete(index, verdict);
                LogBucketScanned(logger, bucket, evidence.Region, verdict.Verdict, calls);
                pacer.BucketFinished();
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            // Once the activity is cancelled, whatever ends the loop (a cancelled wait, or an S3 error or
            // fault that landed in the same moment and was no longer mapped) keeps the finished verdicts
            // and ends the activity as cancelled.
            pacer.Now();
            await StorePartialAsync(store, partKey, progress, "cancelled").ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException(
                $"Batch {input.BatchIndex} was cancelled; {progress.Finished} of {input.BucketNames.Count} " +
                $"buckets are kept ({e.GetType().Name} arrived as it was cancelled).",
                e,
                cancellationToken);
        }
        catch (SessionTokenRejectedException e)
        {
            pacer.Now();
            await StorePartialAsync(store, partKey, progress, e.ErrorCode).ConfigureAwait(false);
            throw new ApplicationFailureException(
                $"{e.Message} {progress.Finished} of {input.BucketNames.Count} buckets of batch " +
                $"{input.BatchIndex} are kept; renew the session and run the batch again to scan the rest.",
                ErrorTypes.SessionExpired,
                nonRetryable: false);
        }
        catch (ThrottleExhaustedException e)
        {
            pacer.Now();
            await StorePartialAsync(store, partKey, progress, e.ErrorCode).ConfigureAwait(false);
            throw new ApplicationFailureException(
                e.Message, AwsErrorMapping.ErrorTypeFor(e.ErrorCode), nonRetryable: false);
        }

        return await StoreCompleteAsync(input, store, partKey, progress, pacer, cancellationToken)
            .ConfigureAwait(false);
    }

    private static CancellationToken CancellationToken =>
        ActivityExecutionContext.HasCurrent ? ActivityExecutionContext.Current.CancellationToken : default;

    private static bool IsAwsError(Exception e) => e is AmazonServiceException or AwsServiceError;

    private static void CheckBatch(ScanBatchInput input)
    {
        string? problem = null;
        if (input.BatchIndex < 0)
        {
            problem = $"Batch index {input.BatchIndex} is negative; batches count from 0.";
        }
        else if (input.BucketNames is null || input.BucketNames.Any(string.IsNullOrWhiteSpace))
        {
            problem = $"Batch {input.BatchIndex} has a missing or empty bucket name.";
        }
        else if (string.IsNullOrWhiteSpace(input.RunKey))
        {
            problem = $"Batch {input.BatchIndex} has no run key; the part's location derives from it.";
        }

        if (problem is not null)
        {
            throw new ApplicationFailureException(problem, ErrorTypes.InvalidInput, nonRetryable: true);
        }
    }

    private static string PartKey(ScanBatchInput input)
    {
        try
        {
            return ReportKeys.Part(input.RunKey, input.BatchIndex);
        }
        catch (ArgumentException e)
        {
            throw new ApplicationFailureException(
                $"Batch {input.BatchIndex} has a run key the report cannot be stored under: {e.Message}",
                ErrorTypes.InvalidInput,
                nonRetryable: true);
        }
    }

    private AWSCredentials OpenSession(SessionHandle session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (time.GetUtcNow() >= session.ExpiresAt)
        {
            throw new ApplicationFailureException(
                $"Session '{session.SessionName}' expired at {session.ExpiresAt:O}; assume the role again.",
                ErrorTypes.SessionExpired,
                nonRetryable: false);
        }

        return sealer.Unseal(session);
    }

    private IReportStore OpenStore(ReportDestination destination)
    {
        try
        {
            return reportStores.Create(destination);
        }
        catch (ArgumentException e)
        {
            throw new ApplicationFailureException(
                $"Report destination rejected: {e.Message}", ErrorTypes.InvalidInput, nonRetryable: true);
        }
    }

    private async Task<int> ResumeAsync(
        ActivityExecutionContext context,
        BatchProgress progress,
        IReportStore store,
        string partKey,
        CancellationToken cancellationToken)
    {
        if (context.Info.HeartbeatDetails.Count > 0)
        {
            try
            {
                var checkpoint = await context.Info.HeartbeatDetailAtAsync<ScanCheckpoint>(0).ConfigureAwait(false);
                return progress.Restore(checkpoint);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckpointUnreadable(logger, e.GetType().Name);
            }
        }

        // A new execution of the batch (after a session renewal) finds what the last one stored.
        try
        {
            var stored = await store.GetTextAsync(partKey, cancellationToken).ConfigureAwait(false);
            return stored is null ? 0 : progress.Restore(ReportJson.Deserialize<BatchPart>(stored));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCheckpointUnreadable(logger, e.GetType().Name);
            return 0;
        }
    }

    private async Task StorePartialAsync(IReportStore store, string partKey, BatchProgress progress, string why)
    {
        // The activity's own token may be cancelled by now; the partial write gets a bounded time of its
        // own, on the wall clock: it guards a real write, not a step of the audit's logic.
        using var timeout = new CancellationTokenSource(settings.PartialWriteTimeout);
        try
        {
            await store.PutTextAsync(
                partKey, ReportJson.Serialize(progress.ToPart(complete: false)), "application/json", timeout.Token)
                .ConfigureAwait(false);
            LogPartialStored(logger, partKey, progress.Finished, why);
        }
        catch (Exception e)
        {
            LogPartialNotStored(logger, partKey, why, e.GetType().Name);
        }
    }

    private async Task<ScanBatchResult> StoreCompleteAsync(
        ScanBatchInput input,
        IReportStore store,
        string partKey,
        BatchProgress progress,
        HeartbeatPacer pacer,
        CancellationToken cancellationToken)
    {
        try
        {
            var location = await store.PutTextAsync(
                partKey, ReportJson.Serialize(progress.ToPart(complete: true)), "application/json", cancellationToken)
                .ConfigureAwait(false);
            var counts = progress.Counts();
            LogBatchFinished(logger, input.BatchIndex, counts.Public, counts.NotPublic, counts.Unknown);
            return new ScanBatchResult(input.BatchIndex, counts, location);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Every bucket is read: the next attempt only has to store them.
            pacer.Now();
            throw ReportActivities.ToFailure(store.LocationOf(partKey), e);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Scanning batch {BatchIndex}: {Buckets} buckets, {Resumed} done earlier, attempt {Attempt}")]
    private static partial void LogBatchStarted(ILogger logger, int batchIndex, int buckets, int resumed, int attempt);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug,
        Message = "Bucket {Bucket} in {Region}: {Verdict} after {Calls} S3 calls")]
    private static partial void LogBucketScanned(
        ILogger logger, string bucket, string region, AccessVerdict verdict, int calls);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Batch {BatchIndex} done: {Public} public, {NotPublic} not public, {Unknown} unknown")]
    private static partial void LogBatchFinished(
        ILogger logger, int batchIndex, int @public, int notPublic, int unknown);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Batch stopped ({Why}); stored {Finished} finished buckets as {PartKey}")]
    private static partial void LogPartialStored(ILogger logger, string partKey, int finished, string why);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error,
        Message = "Batch stopped ({Why}); its partial findings could not be stored as {PartKey}: {Error}")]
    private static partial void LogPartialNotStored(ILogger logger, string partKey, string why, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Earlier progress of the batch could not be read ({Error}); scanning every bucket")]
    private static partial void LogCheckpointUnreadable(ILogger logger, string error);
}
