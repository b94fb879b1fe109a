using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class ExitCodesTests
{
    private static S3AuditResult Result(AuditOutcome outcome, int @public, int notPublic, int unknown) =>
        new(outcome, new VerdictCounts(@public, notPublic, unknown), "file:///r/report.json",
            "file:///r/summary.txt", "session", "deny on aws:userid");

    [Theory]
    [InlineData(AuditOutcome.Succeeded, 0, 5, 0, ExitCodes.Clean)]
    [InlineData(AuditOutcome.Succeeded, 0, 0, 0, ExitCodes.Clean)]
    [InlineData(AuditOutcome.Succeeded, 1, 5, 0, ExitCodes.PublicFound)]
    [InlineData(AuditOutcome.SucceededWithGaps, 2, 0, 3, ExitCodes.PublicFound)]
    [InlineData(AuditOutcome.Failed, 1, 0, 0, ExitCodes.PublicFound)]
    [InlineData(AuditOutcome.SucceededWithGaps, 0, 4, 1, ExitCodes.Error)]
    [InlineData(AuditOutcome.Failed, 0, 2, 0, ExitCodes.Error)]
    [InlineData(AuditOutcome.Cancelled, 0, 2, 0, ExitCodes.Error)]
    public void FromResult_OutcomeAndCounts_MapToDocumentedCode(
        AuditOutcome outcome, int @public, int notPublic, int unknown, int expected)
    {
        Assert.Equal(expected, ExitCodes.FromResult(Result(outcome, @public, notPublic, unknown)));
    }

    [Fact]
    public void Codes_HaveTheDocumentedValues()
    {
        Assert.Equal(0, ExitCodes.Clean);
        Assert.Equal(1, ExitCodes.Error);
        Assert.Equal(2, ExitCodes.PublicFound);
    }

    [Fact]
    public void AuditSummary_Format_ShowsCountsLocationsAndVerdict()
    {
        var text = AuditSummary.Format("wf-1", "111122223333", Result(AuditOutcome.Succeeded, 2, 5, 0));

        Assert.Contains("account 111122223333 (wf-1): Succeeded", text, StringComparison.Ordinal);
        Assert.Contains("7 (public 2, not public 5, unknown 0)", text, StringComparison.Ordinal);
        Assert.Contains("file:///r/report.json", text, StringComparison.Ordinal);
        Assert.Contains("file:///r/summary.txt", text, StringComparison.Ordinal);
        Assert.Contains("PUBLIC BUCKETS FOUND: 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditSummary_Format_GapsAreNotCalledClean()
    {
        var text = AuditSummary.Format("wf-1", "111122223333", Result(AuditOutcome.SucceededWithGaps, 0, 5, 2));

        Assert.Contains("2 bucket(s) could not be judged (UNKNOWN)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("clean: no bucket", text, StringComparison.Ordinal);
    }
}
