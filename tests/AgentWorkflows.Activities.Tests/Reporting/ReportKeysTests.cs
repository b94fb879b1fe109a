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
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("")]
    public void Report_WorkflowIdWithUnsafeSegment_Throws(string workflowId)
    {
        Assert.Throws<ArgumentException>(() => ReportKeys.Report(workflowId, "run-1"));
    }
}
