using Xunit;

namespace AgentWorkflows.Workflows.Tests.Validation;

public sealed class InputTextTests
{
    [Theory]
    [InlineData(null, "(missing)")]
    [InlineData("agent-7", "'agent-7'")]
    [InlineData("agent-7\n", "'agent-7\\u000A'")]
    [InlineData("a\u200Bb", "'a\\u200Bb'")]
    [InlineData("", "''")]
    public void Quote_Value_ShowsInvisibleCharacters(string? value, string expected)
    {
        Assert.Equal(expected, InputText.Quote(value));
    }

    [Fact]
    public void Quote_LongValue_IsCutWithItsLength()
    {
        var shown = InputText.Quote(new string('a', 500));

        Assert.EndsWith("… (500 characters)", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 150, shown);
    }
}
