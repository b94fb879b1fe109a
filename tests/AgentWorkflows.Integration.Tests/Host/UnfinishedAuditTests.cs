using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class UnfinishedAuditTests
{
    private const string WorkflowId = "s3-audit-111122223333-20260101T000000Z";
    private const string RunId = "run-1";

    private static AuditProgress Progress(int @public, int notPublic, int unknown) =>
        new("Scanning", 10, 2, 1, new VerdictCounts(@public, notPublic, unknown), 1);

    [Fact]
    public void ExitCode_FailedRunThatFoundPublicBuckets_IsTwo()
    {
        Assert.Equal(ExitCodes.PublicFound, UnfinishedAudit.ExitCode(Progress(1, 3, 0)));
    }

    [Fact]
    public void ExitCode_FailedRunWithoutPublicBucketsOrCounts_IsOne()
    {
        Assert.Equal(ExitCodes.Error, UnfinishedAudit.ExitCode(Progress(0, 3, 2)));
        Assert.Equal(ExitCodes.Error, UnfinishedAudit.ExitCode(null));
    }

    [Fact]
    public void Format_FailedRunWithLocalReport_PrintsCountsAndTheReportFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), "aw-reports");

        var text = UnfinishedAudit.Format(
            WorkflowId, RunId, new ReportDestination(LocalDirectory: directory), Progress(2, 5, 1), "WorkflowFault");

        Assert.Contains("8 judged before the run stopped (public 2, not public 5, unknown 1)", text,
            StringComparison.Ordinal);
        var expected = new Uri(Path.Combine(directory, WorkflowId, RunId, "report.json")).AbsoluteUri;
        Assert.Contains($"report:     {expected}", text, StringComparison.Ordinal);
        Assert.Contains("PUBLIC BUCKETS FOUND: 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ReportNotWritten_SaysSoInsteadOfALocation()
    {
        var text = UnfinishedAudit.Format(
            WorkflowId, RunId, new ReportDestination(Bucket: "reports", KeyPrefix: "audits/"), Progress(0, 1, 0),
            ErrorTypes.ReportNotWritten);

        Assert.Contains("report not written", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3://", text, StringComparison.Ordinal);
        Assert.Contains("not clean", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportLocation_S3Destination_IsTheDeterministicKeyUnderThePrefix()
    {
        var location = UnfinishedAudit.ReportLocation(
            new ReportDestination(Bucket: "reports", KeyPrefix: "audits/"), "a/b", RunId);

        Assert.Equal("s3://reports/audits/a~2Fb/run-1/report.json", location);
    }

    [Fact]
    public void Format_CountsUnavailable_SaysSoAndStaysNotClean()
    {
        var text = UnfinishedAudit.Format(WorkflowId, RunId, new ReportDestination(Bucket: "r"), null, null);

        Assert.Contains("progress could not be queried", text, StringComparison.Ordinal);
        Assert.Contains("not clean", text, StringComparison.Ordinal);
    }
}
