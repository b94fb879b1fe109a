using AgentWorkflows.Activities.Reporting;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

public sealed class LocalReportStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("run/../../escape.txt")]
    [InlineData("a/../../sibling/passwd")]
    public async Task PutTextAsync_KeyClimbsOutOfRoot_RejectedAndNothingWritten(string key)
    {
        var root = Path.Combine(temp.Path, "reports");
        var store = new LocalReportStore(root);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.PutTextAsync(key, "x", "text/plain", TestContext.Current.CancellationToken));

        Assert.Contains("outside the report directory", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutTextAsync_AbsoluteKey_Rejected()
    {
        var store = new LocalReportStore(temp.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.PutTextAsync("/tmp/x.txt", "x", "text/plain", TestContext.Current.CancellationToken));

        Assert.Contains("absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutTextAsync_SameKeyTwice_OverwritesAndLeavesNoTemporaryFiles()
    {
        var store = new LocalReportStore(temp.Path);
        var token = TestContext.Current.CancellationToken;

        var first = await store.PutTextAsync("wf/run/report.json", "first", "application/json", token);
        var second = await store.PutTextAsync("wf/run/report.json", "second", "application/json", token);

        Assert.Equal(first, second);
        Assert.Equal("second", await store.GetTextAsync("wf/run/report.json", token));
        var files = Directory.GetFiles(Path.Combine(temp.Path, "wf", "run"));
        Assert.Equal(["report.json"], files.Select(Path.GetFileName));
        Assert.StartsWith("file://", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTextAsync_MissingKey_ReturnsNull()
    {
        var store = new LocalReportStore(temp.Path);

        Assert.Null(await store.GetTextAsync("nothing/here.json", TestContext.Current.CancellationToken));
    }
}
