using AgentWorkflows.Workflows.Contracts;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Validation;

public sealed class ReportPathTests
{
    [Theory]
    [InlineData("s3-audit-111122223333-20261204", "s3-audit-111122223333-20261204")]
    [InlineData("a.b_c-d", "a.b_c-d")]
    [InlineData("..", "~2E~2E")]
    [InlineData(".", "~2E")]
    [InlineData("../x", "..~2Fx")]
    [InlineData("a//b", "a~2F~2Fb")]
    [InlineData("nightly run", "nightly~20run")]
    [InlineData("ü", "~C3~BC")]
    [InlineData("a\\b", "a~5Cb")]
    [InlineData("~", "~7E")]
    public void Segment_Id_EscapesEverythingButSafeCharacters(string id, string expected)
    {
        Assert.Equal(expected, ReportPath.Segment(id));
    }

    [Fact]
    public void Segment_VeryLongId_KeepsAHeadAndAHashWithinTheLimit()
    {
        var longId = new string('x', 1000);
        var other = new string('x', 999) + "y";

        var segment = ReportPath.Segment(longId);

        Assert.True(segment.Length <= ReportPath.MaxSegmentLength, segment);
        Assert.StartsWith("xxxx", segment, StringComparison.Ordinal);
        Assert.NotEqual(segment, ReportPath.Segment(other));
    }

    [Fact]
    public void Segment_LongIdOfEscapedCharacters_NeverCutsAnEscapeInHalf()
    {
        var segment = ReportPath.Segment(new string('/', 300));

        var head = segment[..segment.IndexOf("~~", StringComparison.Ordinal)];
        Assert.Matches("^(~2F)+$", head);
    }

    [Fact]
    public void RunKey_WorkflowIdWithSlash_StaysTwoSegments()
    {
        Assert.Equal("team~2Faudit/run-1", ReportPath.RunKey("team/audit", "run-1"));
    }

    [Fact]
    public void Segment_Empty_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => ReportPath.Segment(string.Empty));
    }
}
