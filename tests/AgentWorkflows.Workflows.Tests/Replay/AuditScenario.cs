using System.Globalization;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Common;
using Temporalio.Exceptions;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// The steps of an audit history in the words of the workflow: assume and verify, read the account
/// block, list a page, scan batches, write the report, revoke and prove. Each step appends the events a
/// server would record, including the workflow task that follows an activity's result.
/// </summary>
public sealed class AuditScenario
{
    public const string WorkflowId = "audit-111122223333-nightly";
    public const string RunId = "4a3c9d0e-7f21-4b8a-9c55-0d6e1f2a3b4c";
    public const string WorkflowType = "S3AuditWorkflow";

    public static readonly DateTime Start = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private int sessionsMinted;

    public AuditScenario(S3AuditInput? input = null)
    {
        History = new HistoryBuilder(WorkflowId, RunId, Start).Started(WorkflowType, input ?? Input);
    }

    public static S3AuditInput Input { get; } = new(
        "111122223333",
        "arn:aws:iam::111122223333:role/audit/S3Auditor",
        "agent-7",
        new ReportDestination(Bucket: "example-audit-reports", KeyPrefix: "s3-audit/"));

    public static string SessionName => SessionNaming.DeriveSessionName(WorkflowId, RunId);

    public static string CallerArn => $"arn:aws:sts::111122223333:assumed-role/S3Auditor/{SessionName}";

    public static CallerIdentity Caller => new(CallerArn, "111122223333", $"AROAEXAMPLEROLEID0001:{SessionName}");

    public static ReportLocation Report => new(
        $"s3://example-audit-reports/s3-audit/{WorkflowId}/{RunId}/report.json",
        $"s3://example-audit-reports/s3-audit/{WorkflowId}/{RunId}/summary.md",
        new VerdictCounts(1, 148, 1));

    public HistoryBuilder History { get; }

    /// <summary>Sessions this history minted, in order.</summary>
    public List<SessionHandle> Sessions { get; } = [];

    /// <summary>A session as the workers hand it to the workflow: only sealed, opaque text.</summary>
    public static SessionHandle Session(int number, DateTime expiresAt) => new(
        Input.RoleArn,
        SessionName,
        CallerArn,
        new DateTimeOffset(expiresAt, TimeSpan.Zero),
        string.Create(CultureInfo.InvariantCulture, $"sealed.v1.session{number}.bm9uY2Ux.Y2lwaGVydGV4dDE"));

    public static ApplicationFailureException AppFailure(string message, string type) =>
        new(message, type, nonRetryable: true);

    public static IReadOnlyList<string> Buckets(int count, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"bucket-{i:D5}"))];

    /// <summary>AssumeRole returns a 15-minute session, then GetCallerIdentity answers
    /// <paramref name="identity"/>.</summary>
    public AuditScenario AssumeAndVerify(CallerIdentity? identity = null)
    {
        var session = Session(++sessionsMinted, History.Clock.AddMinutes(15));
        Sessions.Add(session);
        History.Complete(History.Schedule(ActivityNames.AssumeRole), session);
        History.Complete(History.Schedule(ActivityNames.VerifyIdentity), identity ?? Caller);
        return this;
    }

    /// <summary>AssumeRole fails for good with <paramref name="failure"/>; no session is minted.</summary>
    public AuditScenario AssumeRoleFails(ApplicationFailureException failure)
    {
        History.Fail(History.Schedule(ActivityNames.AssumeRole), failure);
        return this;
    }

    public AuditScenario ReadAccountBlock()
    {
        History.Complete(
            History.Schedule(ActivityNames.ReadAccountPublicAccessBlock),
            new AccountPublicAccessBlock(PublicAccessBlockFlags.None, null));
        return this;
    }

    public AuditScenario ListPage(int buckets, string? continuation = null)
    {
        History.Complete(History.Schedule(ActivityNames.ListBucketsPage), new BucketPage(Buckets(buckets),
            continuation));
        return this;
    }

    /// <summary>Schedules <paramref name="count"/> scans in the current workflow task.</summary>
    public long[] ScheduleScans(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => History.Schedule(ActivityNames.ScanBucketBatch))];

    public AuditScenario ScanDone(long scheduledId, int batchIndex, VerdictCounts counts)
    {
        var part = string.Create(CultureInfo.InvariantCulture, $"s3://example-audit-reports/parts/{batchIndex}.json");
        History.Complete(scheduledId, new ScanBatchResult(batchIndex, counts, part));
        return this;
    }

    public AuditScenario ReportWritten()
    {
        History.Complete(History.Schedule(ActivityNames.WriteReport), Report);
        return this;
    }

    /// <summary>RevokeSession, then one ProveRevoked per session minted (latest first).</summary>
    public AuditScenario RevokedAndProven()
    {
        History.Complete(
            History.Schedule(ActivityNames.RevokeSession),
            new RevocationRecord("S3Auditor", $"agentworkflows-deny-{SessionName}"));
        foreach (var _ in Sessions)
        {
            History.Complete(
                History.Schedule(ActivityNames.ProveRevoked),
                new RevocationProof("s3:ListAllMyBuckets", "AccessDenied"));
        }

        return this;
    }

    public AuditScenario Then(Action<HistoryBuilder> step)
    {
        step(History);
        return this;
    }

    public WorkflowHistory Completed(AuditOutcome outcome, VerdictCounts counts) =>
        History.Completed(new S3AuditResult(
            outcome, counts, Report.ReportUri, Report.SummaryUri, SessionName, "revoked and proven"));

    public WorkflowHistory Failed(string errorType) => History.Failed(AppFailure("audit failed", errorType));

    public WorkflowHistory Canceled() => History.Canceled();
}
