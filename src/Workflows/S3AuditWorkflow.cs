using System.Runtime.ExceptionServices;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Logging;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Audits the S3 buckets of one account inside an identity bracket: validate, assume the audit role,
/// verify the session, scan in batches, write the report, and only then revoke every session the run
/// minted and prove the revocation. The report and the revocation also run after a failure or a
/// cancellation. The workflow holds no credential: sessions travel sealed.
/// </summary>
/// <remarks>
/// Ordinary exceptions of workflow code are caught and end the run Failed (<see cref="ErrorTypes.WorkflowFault"/>)
/// after the cleanup. <see cref="WorkflowAttribute.FailureExceptionTypes"/> lists the common ones as well, for
/// faults outside that path; it leaves out Temporal's own exceptions, so that a nondeterminism error still
/// suspends the run for a fix instead of failing it.
/// </remarks>
[Workflow(FailureExceptionTypes = new[]
{
    typeof(InvalidOperationException),
    typeof(ArgumentException),
    typeof(NullReferenceException),
    typeof(FormatException),
    typeof(KeyNotFoundException),
    typeof(IndexOutOfRangeException),
    typeof(InvalidCastException),
    typeof(ArithmeticException),
    typeof(NotSupportedException),
})]
public sealed class S3AuditWorkflow
{
    /// <summary>Bucket names per ListBuckets page.</summary>
    public const int PageSize = 1000;

    /// <summary>Buckets per scan activity: 10,000 buckets make 100 activities.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Most buckets one run audits: 1,000 batches keep the history near 7,000 events, far below
    /// Temporal's limit. Larger accounts are split with <c>bucketPrefix</c>.
    /// </summary>
    public const int MaxBucketsPerRun = 100_000;

    /// <summary>Most ListBuckets pages one run reads (empty pages included).</summary>
    public const int MaxPagesPerRun = 2 * MaxBucketsPerRun / PageSize;

    /// <summary>
    /// Scan activities running at once. Their S3 calls share the worker's limit (S3Audit:MaxS3CallsInFlight,
    /// 64 by default), so eight scans of up to 16 buckets keep those slots busy up to the last batch.
    /// </summary>
    public const int MaxScansInFlight = 8;

    /// <summary>A session that expires within this margin is renewed before the next call.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private const string ActivityFailed = "ActivityFailed";
    private const int MaxErrorLength = 1000;
    private const string CancelledNote = "the workflow was cancelled before the audit finished";

    private readonly List<SessionHandle> sessions = [];
    private readonly List<Task<ScanBatchResult>> scans = [];
    private SessionHandle? current;
    private CallerIdentity? caller;
    private Task<SessionHandle>? renewal;
    private bool assumeAttempted;
    private bool assumeOutcomeUnknown;
    private AccountPublicAccessBlock? accountBlock;
    private VerdictCounts counts = VerdictCounts.Zero;
    private string phase = AuditPhase.Validating;
    private int bucketsListed;
    private int batchesStarted;
    private int batchesCompleted;

    /// <summary>Where the run is and what it has counted so far.</summary>
    [WorkflowQuery]
    public AuditProgress GetProgress() =>
        new(phase, bucketsListed, batchesStarted, batchesCompleted, counts, sessions.Count);

    /// <summary>Runs the audit. Bad input fails the run before any activity.</summary>
    [WorkflowRun]
    public async Task<S3AuditResult> RunAsync(S3AuditInput input)
    {
        var startedAt = Now();
        var plan = CreatePlan(input);
        Workflow.Logger.LogInformation(
            "Audit {RunKey} of account {AccountId} starts with role {RoleArn} as session {SessionName}",
            plan.RunKey,
            plan.Input.AccountId,
            plan.Input.RoleArn,
            plan.SessionName);

        using var scanCancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        AuditOutcome outcome;
        Exception? error = null;
        try
        {
            await AuditAsync(plan, scanCancel.Token);
            outcome = counts.Unknown > 0 ? AuditOutcome.SucceededWithGaps : AuditOutcome.Succeeded;
        }
        catch (Exception e) when (e is not InvalidWorkflowOperationException)
        {
            error = e;
            outcome = IsWorkflowCancellation(e) ? AuditOutcome.Cancelled : AuditOutcome.Failed;
            Workflow.Logger.LogWarning(
                "Audit {RunKey} stopped as {Outcome}: {Error}", plan.RunKey, outcome, Describe(e).Message);
            await StopScansAsync(scanCancel);
        }

        return await FinishAsync(plan, startedAt, outcome, error);
    }

    private static AuditPlan CreatePlan(S3AuditInput input)
    {
        try
        {
            return AuditPlan.Create(input, Workflow.Info.WorkflowId, Workflow.Info.RunId);
        }
        catch (Exception e) when (e is not TemporalException)
        {
            throw Fault(e);
        }
    }

    private async Task AuditAsync(AuditPlan plan, CancellationToken scanToken)
    {
        phase = AuditPhase.AssumingRole;
        await MintSessionAsync(plan);

        phase = AuditPhase.ReadingAccountBlock;
        accountBlock = await WithSessionAsync(
            plan,
            await FreshSessionAsync(plan),
            session => Workflow.ExecuteActivityAsync<AccountPublicAccessBlock>(
                ActivityNames.ReadAccountPublicAccessBlock,
                [new AccountPublicAccessBlockInput(session, plan.Input.AccountId)],
                AuditActivityOptions.ReadAccountBlock(Workflow.CancellationToken)));

        phase = AuditPhase.Scanning;
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var token = continuation;
            var page = await WithSessionAsync(
                plan,
                await FreshSessionAsync(plan),
                session => Workflow.ExecuteActivityAsync<BucketPage>(
                    ActivityNames.ListBucketsPage,
                    [new ListBucketsPageInput(session, plan.Input.BucketPrefix, token, PageSize)],
                    AuditActivityOptions.ListBucketsPage(Workflow.CancellationToken)));
            var names = page.BucketNames ?? throw new InvalidOperationException(
                $"ListBucketsPage returned no bucket list for continuation token '{token}'");
            bucketsListed += names.Count;
            CheckPage(token, names.Count);

            foreach (var batch in names.Chunk(BatchSize))
            {
                while (scans.Count >= MaxScansInFlight)
                {
                    await CollectOneScanAsync();
                }

                // Renewing here, in the loop, keeps the batches in order when a renewal holds them up.
                var session = await FreshSessionAsync(plan);
                scans.Add(ScanBatchAsync(plan, session, batchesStarted++, batch, scanToken));
            }

            continuation = NextToken(token, page.ContinuationToken, seenTokens);
        }
        while (continuation is not null);

        while (scans.Count > 0)
        {
            await CollectOneScanAsync();
        }
    }

    /// <summary>
    /// The token of the next page, or null after the last. A token seen before would list the same pages
    /// forever, and an account past <see cref="MaxBucketsPerRun"/> would outgrow one run's history: both
    /// stop the audit with the reason instead.
    /// </summary>
    private string? NextToken(string? asked, string? next, HashSet<string> seenTokens)
    {
        if (next is null)
        {
            return null;
        }

        if (!seenTokens.Add(next) || string.Equals(asked, next, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"ListBucketsPage returned continuation token '{next}' a second time after {seenTokens.Count} " +
                "pages: listing again would never end");
        }

        if (seenTokens.Count > MaxPagesPerRun)
        {
            throw TooLarge();
        }

        return next;
    }

    /// <summary>
    /// Checks a page before its batches are scheduled: no more names than asked for, and the run still
    /// within <see cref="MaxBucketsPerRun"/>.
    /// </summary>
    private void CheckPage(string? token, int count)
    {
        if (count > PageSize)
        {
            throw new InvalidOperationException(
                $"ListBucketsPage returned {count} bucket names for continuation token '{token}', more than the " +
                $"{PageSize} asked for");
        }

        if (bucketsListed > MaxBucketsPerRun)
        {
            throw TooLarge();
        }
    }

    private static ApplicationFailureException TooLarge() =>
        new(
            $"The account lists more than {MaxBucketsPerRun} buckets or {MaxPagesPerRun} pages, more than one " +
            "run audits within Temporal's history limits: split the audit with bucketPrefix",
            ErrorTypes.AuditTooLarge,
            nonRetryable: true);

    private async Task CollectOneScanAsync()
    {
        var done = await Workflow.WhenAnyAsync(scans);
        scans.Remove(done);
        Count(await done);
    }

    private void Count(ScanBatchResult result)
    {
        counts = counts.Add(result.Counts);
        batchesCompleted++;
    }

    private async Task<ScanBatchResult> ScanBatchAsync(
        AuditPlan plan,
        SessionHandle session,
        int batchIndex,
        IReadOnlyList<string> bucketNames,
        CancellationToken scanToken)
    {
        var result = await WithSessionAsync(
            plan,
            session,
            fresh => Workflow.ExecuteActivityAsync<ScanBatchResult>(
                ActivityNames.ScanBucketBatch,
                [
                    new ScanBatchInput(
                        fresh,
                        plan.Input.AccountId,
                        accountBlock!,
                        batchIndex,
                        bucketNames,
                        plan.Input.Report,
                        plan.RunKey),
                ],
                AuditActivityOptions.ScanBucketBatch(scanToken)));

        if (result.BatchIndex != batchIndex || result.Counts is null || result.Counts.Total != bucketNames.Count)
        {
            throw new InvalidOperationException(
                $"ScanBucketBatch for batch {batchIndex} returned a result for batch {result.BatchIndex} " +
                $"with counts {result.Counts?.ToString() ?? "(missing)"} for {bucketNames.Count} buckets: a batch " +
                "result must echo its own index and count a verdict for every bucket");
        }

        return result;
    }

    /// <summary>
    /// Runs a call with <paramref name="session"/>. When the call answers that the session expired, the
    /// role is assumed again and the call runs once more; a second expiry fails the audit.
    /// </summary>
    private async Task<T> WithSessionAsync<T>(
        AuditPlan plan, SessionHandle session, Func<SessionHandle, Task<T>> call)
    {
        try
        {
            return await call(session);
        }
        catch (ActivityFailureException e) when (IsSessionError(e))
        {
            Workflow.Logger.LogWarning(
                "Session {SessionName} expired during {Activity}; assuming the role again",
                plan.SessionName,
                e.ActivityType);
            return await call(await RenewAsync(plan, session));
        }
    }

    private async Task<SessionHandle> FreshSessionAsync(AuditPlan plan)
    {
        if (renewal is not null)
        {
            return await renewal;
        }

        var session = current!;
        return Now() >= session.ExpiresAt - RenewalMargin ? await RenewAsync(plan, session) : session;
    }

    /// <summary>Renews <paramref name="stale"/> unless another call already renewed it.</summary>
    private async Task<SessionHandle> RenewAsync(AuditPlan plan, SessionHandle stale)
    {
        if (renewal is null && !ReferenceEquals(current, stale))
        {
            return current!;
        }

        var mine = renewal ??= MintSessionAsync(plan);
        try
        {
            return await mine;
        }
        finally
        {
            if (ReferenceEquals(renewal, mine))
            {
                renewal = null;
            }
        }
    }

    /// <summary>Assumes the role and verifies the session before anything uses it.</summary>
    private async Task<SessionHandle> MintSessionAsync(AuditPlan plan)
    {
        assumeAttempted = true;
        SessionHandle session;
        try
        {
            session = await Workflow.ExecuteActivityAsync<SessionHandle>(
                ActivityNames.AssumeRole,
                [plan.AssumeRoleRequest()],
                AuditActivityOptions.AssumeRole(Workflow.CancellationToken));
        }
        catch (Exception e) when (!IsStsAnswer(e))
        {
            // Cancelled or timed out: STS may have minted a session this run never saw.
            assumeOutcomeUnknown = true;
            throw;
        }

        sessions.Add(session);

        var identity = await Workflow.ExecuteActivityAsync<CallerIdentity>(
            ActivityNames.VerifyIdentity,
            [new VerifyIdentityInput(session, plan.ExpectedCallerArn)],
            AuditActivityOptions.VerifyIdentity(Workflow.CancellationToken));
        CheckIdentity(plan, session, identity);
        caller = identity;
        CheckLifetime(session);

        current = session;
        Workflow.Logger.LogInformation(
            "Session {SessionName} verified as {CallerArn}, expires at {ExpiresAt}",
            session.SessionName,
            identity.Arn,
            session.ExpiresAt);
        return session;
    }

    /// <summary>
    /// A session that is already inside the renewal margin when minted would be renewed before every
    /// call: stop instead, naming the clocks, since the usual cause is skew between worker and AWS.
    /// </summary>
    private static void CheckLifetime(SessionHandle session)
    {
        var now = Now();
        if (session.ExpiresAt - now < RenewalMargin)
        {
            throw new ApplicationFailureException(
                $"AssumeRole returned session '{session.SessionName}' expiring at {session.ExpiresAt:O}, but " +
                $"the workflow's clock says {now:O}: a new session must outlive the {RenewalMargin.TotalMinutes} " +
                "min renewal margin; check the clocks of the workers and the role's maximum session duration",
                ErrorTypes.SessionTooShort,
                nonRetryable: true);
        }
    }

    private static bool IsStsAnswer(Exception e) =>
        e is ActivityFailureException { InnerException: ApplicationFailureException };

    private static void CheckIdentity(AuditPlan plan, SessionHandle session, CallerIdentity identity)
    {
        var expected = plan.ExpectedCallerArn;
        if (!string.Equals(identity.Arn, expected, StringComparison.Ordinal) ||
            !string.Equals(identity.Account, plan.Input.AccountId, StringComparison.Ordinal))
        {
            throw new ApplicationFailureException(
                $"GetCallerIdentity answered '{identity.Arn}' in account '{identity.Account}', but the " +
                $"session must be '{expected}' in account '{plan.Input.AccountId}': stopped before any S3 call",
                ErrorTypes.IdentityMismatch,
                nonRetryable: true);
        }

        if (!string.Equals(session.SessionName, plan.SessionName, StringComparison.Ordinal) ||
            !string.Equals(session.AssumedRoleArn, expected, StringComparison.Ordinal))
        {
            throw new ApplicationFailureException(
                $"AssumeRole returned session '{session.SessionName}' as '{session.AssumedRoleArn}', but the " +
                $"run asked for '{plan.SessionName}' as '{expected}': stopped before any S3 call",
                ErrorTypes.IdentityMismatch,
                nonRetryable: true);
        }
    }

    /// <summary>Cancels the scans still running and waits until each has stopped using the session.</summary>
    private async Task StopScansAsync(CancellationTokenSource scanCancel)
    {
        if (scans.Count == 0)
        {
            return;
        }

        scanCancel.Cancel();
        foreach (var scan in scans.ToList())
        {
            try
            {
                Count(await scan);
            }
            catch (Exception e) when (e is not InvalidWorkflowOperationException)
            {
                Workflow.Logger.LogDebug("A scan stopped: {Error}", Describe(e).Message);
            }
        }

        scans.Clear();
    }

    private async Task<S3AuditResult> FinishAsync(
        AuditPlan plan, DateTimeOffset startedAt, AuditOutcome outcome, Exception? error)
    {
        // Cleanup must run although the workflow's own token may be cancelled.
        using var cleanup = new CancellationTokenSource();
        var failure = error is null ? null : Describe(error);

        phase = AuditPhase.WritingReport;
        ReportLocation? report = null;
        string? reportError = null;
        try
        {
            report = await Workflow.ExecuteActivityAsync<ReportLocation>(
                ActivityNames.WriteReport,
                [ReportRequest(plan, startedAt, outcome, failure)],
                AuditActivityOptions.WriteReport(cleanup.Token));
        }
        catch (Exception e) when (e is not InvalidWorkflowOperationException)
        {
            reportError = Describe(e).Message;
            Workflow.Logger.LogError("Report of audit {RunKey} was not written: {Error}", plan.RunKey, reportError);
        }

        // A stopped run's finished batches are only part of what was found: the report also holds the
        // verdicts of batches cut short, so its counts are the ones the caller must see (exit code 2).
        if (report is not null && outcome is AuditOutcome.Failed or AuditOutcome.Cancelled)
        {
            counts = report.Counts ?? counts;
        }

        var revocation = await RevokeAsync(plan, cleanup.Token);
        phase = AuditPhase.Done;
        var ending = failure is null ? $"the audit ended {outcome}" : $"the audit ended {outcome}: {failure.Message}";

        if (!revocation.Proven)
        {
            var reportState = reportError is null ? "the report was written" : $"the report was NOT written";
            throw new ApplicationFailureException(
                $"{revocation.Summary}; {reportState}; {ending}",
                error,
                ErrorTypes.RevocationUnproven,
                nonRetryable: true);
        }

        if (reportError is not null)
        {
            throw new ApplicationFailureException(
                $"the final report could not be written after its retries: {reportError}; the session was " +
                $"revoked ({revocation.Summary}); {ending}",
                error,
                ErrorTypes.ReportNotWritten,
                nonRetryable: true);
        }

        Workflow.Logger.LogInformation(
            "Audit {RunKey} ended {Outcome}: {Public} public, {NotPublic} not public, {Unknown} unknown; {Revocation}",
            plan.RunKey,
            outcome,
            counts.Public,
            counts.NotPublic,
            counts.Unknown,
            revocation.Summary);

        if (outcome == AuditOutcome.Cancelled)
        {
            ExceptionDispatchInfo.Throw(error!);
        }

        if (failure is not null)
        {
            throw new ApplicationFailureException(
                $"{failure.Message} (found before it stopped: {counts.Public} public, {counts.NotPublic} not " +
                $"public, {counts.Unknown} unknown; see the report)",
                error,
                failure.ErrorType,
                nonRetryable: true);
        }

        return new S3AuditResult(
            outcome, counts, report!.ReportUri, report.SummaryUri, plan.SessionName, revocation.Summary);
    }

    private WriteReportInput ReportRequest(
        AuditPlan plan, DateTimeOffset startedAt, AuditOutcome outcome, AuditFailure? failure) =>
        new(
            plan.RunKey,
            plan.WorkflowId,
            plan.RunId,
            plan.Input.AccountId,
            plan.Input.RoleArn,
            plan.Input.AgentId,
            plan.SessionName,
            caller?.Arn,
            outcome,
            outcome == AuditOutcome.Cancelled ? CancelledNote : failure?.Message,
            startedAt,
            Now(),
            batchesStarted,
            accountBlock,
            plan.Input.Report);

    /// <summary>
    /// Revokes the run's session name once, limited to sessions tagged with this run's id (that covers
    /// every session the run minted and no other run's), then proves each distinct session is denied,
    /// latest first. When AssumeRole was tried but returned nothing, the
    /// name is still revoked, since a timed-out attempt may have minted a session the run never saw.
    /// </summary>
    private async Task<Revocation> RevokeAsync(AuditPlan plan, CancellationToken token)
    {
        if (!assumeAttempted)
        {
            return new Revocation("no session was minted", true);
        }

        phase = AuditPhase.Revoking;
        var expiresAt = sessions.Count > 0
            ? sessions.Max(s => s.ExpiresAt)
            : Now().AddSeconds(plan.DurationSeconds);
        RevocationRecord record;
        try
        {
            record = await Workflow.ExecuteActivityAsync<RevocationRecord>(
                ActivityNames.RevokeSession,
                [new RevokeSessionInput(plan.Input.RoleArn, plan.SessionName, caller?.UserId, expiresAt, plan.RunId)],
                AuditActivityOptions.RevokeSession(token));
        }
        catch (Exception e) when (e is not InvalidWorkflowOperationException)
        {
            var message = Describe(e).Message;
            if (sessions.Count == 0 && !assumeOutcomeUnknown)
            {
                Workflow.Logger.LogWarning(
                    "Precautionary revocation of {SessionName} failed: {Error}", plan.SessionName, message);
                return new Revocation($"no session was minted; precautionary revocation failed: {message}", true);
            }

            if (sessions.Count == 0)
            {
                return new Revocation(
                    $"AssumeRole did not finish, so session {plan.SessionName} may exist, and it could not be " +
                    $"revoked: {message}",
                    false);
            }

            return new Revocation($"session {plan.SessionName} could not be revoked: {message}", false);
        }

        var deny = $"deny policy {record.PolicyName} on role {record.RoleName}";
        if (sessions.Count == 0)
        {
            return new Revocation($"no session was minted; precautionary {deny}", true);
        }

        phase = AuditPhase.ProvingRevocation;
        var proofs = new List<string>();
        foreach (var session in Enumerable.Reverse(sessions).DistinctBy(s => s.SealedCredentials))
        {
            try
            {
                var proof = await Workflow.ExecuteActivityAsync<RevocationProof>(
                    ActivityNames.ProveRevoked,
                    [new ProveRevokedInput(session)],
                    AuditActivityOptions.ProveRevoked(token));
                proofs.Add($"{proof.DeniedCall} denied with {proof.ErrorCode}");
            }
            catch (Exception e) when (e is not InvalidWorkflowOperationException)
            {
                return new Revocation(
                    $"session {plan.SessionName} was revoked by {deny}, but the revocation could not be proven: " +
                    Describe(e).Message,
                    false);
            }
        }

        return new Revocation($"{deny}; proven: {string.Join(", ", proofs)}", true);
    }

    private static bool IsWorkflowCancellation(Exception e) =>
        Workflow.CancellationToken.IsCancellationRequested && TemporalException.IsCanceledException(e);

    private static bool IsSessionError(ActivityFailureException e) =>
        e.InnerException is ApplicationFailureException { ErrorType: { } type } &&
        AuditActivityOptions.SessionErrorTypes.Contains(type);

    private static ApplicationFailureException Fault(Exception e) =>
        new(
            $"workflow code fault ({e.GetType().Name}): {e.Message}",
            e,
            ErrorTypes.WorkflowFault,
            nonRetryable: true);

    private static AuditFailure Describe(Exception e)
    {
        var failure = e switch
        {
            ActivityFailureException { InnerException: ApplicationFailureException app } activity =>
                new AuditFailure(app.ErrorType ?? ActivityFailed, $"{activity.ActivityType} failed: {app.Message}"),
            ActivityFailureException activity =>
                new AuditFailure(
                    ActivityFailed,
                    $"{activity.ActivityType} failed: {activity.InnerException?.Message ?? e.Message}"),
            ApplicationFailureException app =>
                new AuditFailure(app.ErrorType ?? ErrorTypes.WorkflowFault, app.Message),
            FailureException => new AuditFailure(ActivityFailed, e.Message),
            _ => new AuditFailure(ErrorTypes.WorkflowFault, $"workflow code fault ({e.GetType().Name}): {e.Message}"),
        };
        return failure.Message.Length <= MaxErrorLength
            ? failure
            : failure with { Message = failure.Message[..MaxErrorLength] + "…" };
    }

    private static DateTimeOffset Now() => new(Workflow.UtcNow.Ticks, TimeSpan.Zero);

    private sealed record AuditFailure(string ErrorType, string Message);

    /// <summary>What the revocation step did; <see cref="Summary"/> says why when it is not proven.</summary>
    private sealed record Revocation(string Summary, bool Proven);
}
