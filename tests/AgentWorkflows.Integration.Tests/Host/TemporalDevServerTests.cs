using System.Diagnostics;
using System.Globalization;
using AgentWorkflows.Worker.Cli;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class TemporalDevServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aw-devserver-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartAsync_InterruptedWhileServerStarts_LeavesNoServerProcessRunning()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A stand-in 'temporal' that records its pid and then never opens a port, like a slow start.
        var pidFile = Path.Combine(_directory, "pid");
        var script = Path.Combine(_directory, "temporal");
        await File.WriteAllTextAsync(
            script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 120\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var interrupt = new CancellationTokenSource();

        var starting = new TemporalDevServer(script).StartAsync("default", interrupt.Token);
        var pid = await WaitForPidAsync(pidFile);
        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        // Without the wait the SDK's own start timeout (seconds later) is what ends it, well after we return.
        Assert.True(await HasEndedAsync(pid), $"the dev server process {pid} still runs after the interrupt");
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (File.Exists(pidFile) && int.TryParse(
                (await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
                out var pid))
            {
                return pid;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the fake dev server never wrote {pidFile}");
    }

    // A killed child may stay a zombie until its parent reaps it; that counts as ended. The short bound only
    // covers the delivery of the kill: the process must be gone when StartAsync has returned.
    private static async Task<bool> HasEndedAsync(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(1))
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
