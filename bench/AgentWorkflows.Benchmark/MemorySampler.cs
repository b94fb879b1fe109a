using System.Diagnostics;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Samples the managed heap and the process working set on a timer and keeps the peaks. The fake
/// runs in the same process, so both figures include it; the baseline taken at start lets a reader
/// subtract what was there before the run.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    private readonly Process process = Process.GetCurrentProcess();
    private readonly PeriodicTimer timer = new(Interval);
    private readonly Task loop;
    private long peakManaged;
    private long peakWorkingSet;

    private MemorySampler()
    {
        BaselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        BaselineWorkingSet = process.WorkingSet64;
        Sample();
        loop = RunAsync();
    }

    /// <summary>Managed heap after a full collection, before the run.</summary>
    public long BaselineManaged { get; }

    /// <summary>Working set before the run.</summary>
    public long BaselineWorkingSet { get; }

    public long PeakManaged => Interlocked.Read(ref peakManaged);

    public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

    public static MemorySampler Start() => new();

    public async ValueTask DisposeAsync()
    {
        timer.Dispose();
        await loop.ConfigureAwait(false);
        Sample();
        process.Dispose();
    }

    private async Task RunAsync()
    {
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            Sample();
        }
    }

    private void Sample()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        process.Refresh();
        var workingSet = process.WorkingSet64;
        Raise(ref peakManaged, managed);
        Raise(ref peakWorkingSet, workingSet);
    }

    private static void Raise(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
