using AgentWorkflows.Activities.Reporting;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

public sealed class ReportKeysTests
{
    [Fact]
    public void Part_SameRunAndIndex_SameKey()
    {
        Assert.Equal("wf-1/run-1/parts/batch-00003.json", ReportKeys.Part("wf-1/run-1", 3));
        Assert.Equal(ReportKeys.Part("wf-1/run-1", 3), ReportKeys.Part("wf-1/run-1", 3));
    }

    [Fact]
    public void Report_ReportAndSummary_SitSideBySide()
    {
        Assert.Equal("wf-1/run-1/report.json", ReportKeys.Report("wf-1", "run-1"));
        Assert.Equal("wf-1/run-1/summary.txt", ReportKeys.Summary("wf-1", "run-1"));
    }

    [Theory]
    [InlineData("..", "~2E~2E/run-1/report.json")]
    [InlineData("a/../b", "a~2F..~2Fb/run-1/report.json")]
    [InlineData("a//b", "a~2F~2Fb/run-1/report.json")]
    [InlineData("a\\b", "a~5Cb/run-1/report.json")]
    public void Report_WorkflowIdWithPathCharacters_EscapesIntoOneSegment(string workflowId, string expected)
    {
        Assert.Equal(expected, ReportKeys.Report(workflowId, "run-1"));
    }

    [Fact]
    public void Report_EmptyWorkflowId_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReportKeys.Report(string.Empty, "run-1"));
    }
}
