using AgentWorkflows.Worker.Cli;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("15m", 900)]
    [InlineData("900s", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("20m30s", 1230)]
    public void TryParse_WithUnits_GivesSeconds(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration, out var error));

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("900")]
    [InlineData("15x")]
    [InlineData("m15")]
    [InlineData("15 m")]
    [InlineData("30s15m")]
    [InlineData("")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void TryParse_Malformed_NamesValueAndUnits(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));

        Assert.NotNull(error);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains("unit (h, m, s)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0h0m")]
    public void TryParse_Zero_IsRejected(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));

        Assert.Contains("above zero", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999999h")]
    [InlineData("99999999999h")]
    [InlineData("99999999999999999999999h")]
    [InlineData("1h99999999999999s")]
    public void TryParse_Huge_SaysTooLarge(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));

        Assert.Contains($"'{text}' is too large", error, StringComparison.Ordinal);
    }
}
