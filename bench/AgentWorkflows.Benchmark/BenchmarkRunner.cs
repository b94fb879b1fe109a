using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Runs every asked mode at every asked account size, each against a freshly seeded fake, and prints
/// the table and the targets. A small warm-up run first compiles the hot paths so the first size is
/// not charged with the JIT. With <paramref name="keepReports"/> the reports the modes wrote stay on
/// disk and each folder is named on <paramref name="output"/>; otherwise they are deleted.
/// </summary>
internal sealed class BenchmarkRunner(BenchSettings settings, TextWriter output, bool keepReports = false)
{
    private const int WarmUpBuckets = 64;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] ModeOrder =
        [BenchSettings.PlainMode, BenchSettings.ActivitiesMode, BenchSettings.WorkflowMode];

    public async Task<IReadOnlyList<ModeResult>> RunAsync()
    {
        output.WriteLine(Header());
        output.WriteLine();
        output.Flush();

        await WarmUpAsync().ConfigureAwait(false);

        var results = new List<ModeResult>();
        foreach (var buckets in settings.BucketCounts)
        {
            await using var fake = await SeededFake.StartAsync(buckets, settings.Latency).ConfigureAwait(false);
            foreach (var mode in ModeOrder)
            {
                if (!settings.Modes.Contains(mode))
                {
                    continue;
                }

                var result = await RunModeAsync(mode, fake, buckets).ConfigureAwait(false);
                results.Add(result);
                output.WriteLine(
                    string.Create(Invariant, $"  {buckets,6:N0} buckets  {mode,-10} {Progress(result)}"));
                output.Flush();
            }
        }

        output.WriteLine();
        output.WriteLine(ResultPrinter.Table(settings, results));
        output.WriteLine(ResultPrinter.Targets(settings, results));
        output.Flush();
        return results;
    }

    private async Task WarmUpAsync()
    {
        var warm = settings with { Latency = TimeSpan.Zero };
        await using var fake = await SeededFake.StartAsync(WarmUpBuckets, TimeSpan.Zero).ConfigureAwait(false);
        await new BenchmarkRunner(warm, TextWriter.Null)
            .RunModeAsync(BenchSettings.PlainMode, fake, WarmUpBuckets).ConfigureAwait(false);
        await new BenchmarkRunner(warm, TextWriter.Null)
            .RunModeAsync(BenchSettings.ActivitiesMode, fake, WarmUpBuckets).ConfigureAwait(false);
    }

    private async Task<ModeResult> RunModeAsync(string mode, SeededFake fake, int buckets)
    {
        string? address = null;
        if (mode == BenchSettings.WorkflowMode)
        {
            (address, var skip) = WorkflowRun.Address();
            if (skip is not null)
            {
                return ModeResult.Skip(mode, buckets, skip);
            }
        }

        var reportRoot = Directory.CreateTempSubdirectory("aw-bench-").FullName;
        using var stack = new ActivityStack(fake.Target, settings, reportRoot);
        fake.ClearRequests();
        VerdictCounts? counts = null;
        int? historyEvents = null;
        string? note = null;

        await using var memory = MemorySampler.Start();
        using var probe = InFlightProbe.Start();
        var clock = Stopwatch.StartNew();
        try
        {
            switch (mode)
            {
                case BenchSettings.PlainMode:
                {
                    using var loop = new PlainSdkLoop(fake.Target, settings.Concurrency, ActivityStack.MaxSdkRetries);
                    var read = await loop.RunAsync(CancellationToken.None).ConfigureAwait(false);
                    note = read == buckets
                        ? null
                        : string.Create(Invariant, $"read {read} buckets of {buckets}");
                    break;
                }

                case BenchSettings.ActivitiesMode:
                {
                    var run = new ActivityLayerRun(settings, stack.Activities, reportRoot);
                    counts = await run.RunAsync(fake.Target, $"run-{buckets}").ConfigureAwait(false);
                    note = string.Create(Invariant, 
                        $"{run.Heartbeats:N0} heartbeats, {run.HeartbeatBytes / 1024d / 1024d:0.0} MB of " +
                        $"heartbeat payloads, largest {run.LargestHeartbeat / 1024d:0.0} KB; " +
                        $"{settings.ScansInFlight} scans x {settings.BucketsPerScan} buckets sharing " +
                        $"{stack.Limiter.Capacity} S3 call slots (peak {stack.Limiter.PeakInFlight}), " +
                        $"batch size {settings.BatchSize}");
                    break;
                }

                default:
                {
                    var (result, events) = await WorkflowRun.RunAsync(
                        address!, fake.Target, stack.Activities, reportRoot, buckets).ConfigureAwait(false);
                    counts = result.Counts;
                    historyEvents = events;
                    note = $"outcome {result.Outcome}; workflow batch size and limits are its own constants";
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ModeResult.Skip(mode, buckets, $"failed: {e.GetType().Name}: {FirstLine(e.Message)}");
        }
        finally
        {
            clock.Stop();
            if (keepReports && Directory.EnumerateFileSystemEntries(reportRoot).Any())
            {
                output.WriteLine(string.Create(Invariant,
                    $"  {buckets,6:N0} buckets  {mode,-10} reports kept in {reportRoot}"));
            }
            else
            {
                TryDelete(reportRoot);
            }
        }

        var calls = fake.Requests();
        if (Environment.GetEnvironmentVariable("BENCH_DETAILS") == "1")
        {
            foreach (var group in calls.GroupBy(r => (r.Service, r.Action, r.StatusCode, r.ErrorCode))
                         .OrderByDescending(g => g.Count()))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {mode} {group.Key.Service} {group.Key.Action} {group.Key.StatusCode} " +
                    $"{group.Key.ErrorCode}: {group.Count()}"));
            }
        }

        return new ModeResult(
            mode,
            buckets,
            null,
            clock.Elapsed,
            calls.Count,
            calls.Count(r => r.Service == "s3" && r.BucketName is not null && r.Key is null),
            calls.Count(r => r.StatusCode >= 500 || r.StatusCode == 429),
            counts,
            historyEvents,
            memory.BaselineManaged,
            memory.PeakManaged,
            memory.BaselineWorkingSet,
            memory.PeakWorkingSet,
            probe.Server,
            probe.Client,
            note);
    }

    private string Header()
    {
        var cpu = RuntimeInformation.ProcessArchitecture;
        var gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        var sizes = string.Join(",", settings.BucketCounts);
        var modes = string.Join(",", settings.Modes.Order());
        return string.Create(Invariant, 
            $"AgentWorkflows benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n" +
            $"machine: {Environment.ProcessorCount} cores ({cpu}), {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}, GC {gc}\n" +
            $"commit: {GitCommit()}\n" +
            $"settings: buckets {sizes}, latency {settings.Latency.TotalMilliseconds} ms, " +
            $"concurrency {settings.Concurrency} S3 calls in flight (activities: {settings.ScansInFlight} scans x " +
            $"{settings.BucketsPerScan} buckets sharing {settings.Concurrency} call slots; plain: " +
            $"{settings.Concurrency} buckets at once), batch size {settings.BatchSize}, modes {modes}\n" +
            $"floor = total calls x latency / concurrency; S3 calls/bucket counts S3 calls that name a bucket");
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return "unknown";
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            var dirty = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            var changed = dirty is not null && dirty.StandardOutput.ReadToEnd().Trim().Length > 0;
            dirty?.WaitForExit();
            dirty?.Dispose();
            return git.ExitCode == 0 ? commit + (changed ? " (with uncommitted changes)" : string.Empty) : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }

    private static string Progress(ModeResult result) => result.Skipped is { } why
        ? "skipped: " + why
        : string.Create(Invariant, $"{result.Wall.TotalSeconds:0.000} s, {result.TotalCalls:N0} calls");

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; the figures matter more.
        }
    }
}
