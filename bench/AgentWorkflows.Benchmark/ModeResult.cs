using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Benchmark;

/// <summary>The figures of one mode at one account size.</summary>
/// <param name="Mode">activities, plain or workflow.</param>
/// <param name="Buckets">Buckets in the fake account.</param>
/// <param name="Skipped">Why the mode did not run; null when it ran.</param>
/// <param name="Wall">Wall time from the first call to the last.</param>
/// <param name="TotalCalls">Every call the fake answered during the run (STS, S3 Control and S3).</param>
/// <param name="BucketCalls">
/// S3 calls that named a bucket (the per-bucket reads, redirects and retries included).
/// </param>
/// <param name="FailedCalls">Calls answered 5xx, or 429 (throttling); expected 404s are not counted.</param>
/// <param name="Counts">Verdicts, when the mode computes them.</param>
/// <param name="HistoryEvents">Events in the workflow run's history (workflow mode only).</param>
/// <param name="ServerInFlight">Peak and time-weighted mean of requests the fake was answering at once.</param>
/// <param name="ClientInFlight">Peak and mean of requests the clients had sent and not yet seen answered.</param>
/// <param name="Note">A short remark printed under the table.</param>
internal sealed record ModeResult(
    string Mode,
    int Buckets,
    string? Skipped,
    TimeSpan Wall = default,
    int TotalCalls = 0,
    int BucketCalls = 0,
    int FailedCalls = 0,
    VerdictCounts? Counts = null,
    int? HistoryEvents = null,
    long BaselineManaged = 0,
    long PeakManaged = 0,
    long BaselineWorkingSet = 0,
    long PeakWorkingSet = 0,
    (long Peak, double Mean) ServerInFlight = default,
    (long Peak, double Mean) ClientInFlight = default,
    string? Note = null)
{
    public static ModeResult Skip(string mode, int buckets, string reason) => new(mode, buckets, reason);

    public double CallsPerBucket => Buckets == 0 ? 0 : BucketCalls / (double)Buckets;

    /// <summary>The floor <c>total calls x latency / concurrency</c>.</summary>
    public TimeSpan Floor(TimeSpan latency, int concurrency) => latency * TotalCalls / concurrency;

    /// <summary>Wall time over the floor; NaN when the floor is zero (no latency).</summary>
    public double FloorRatio(TimeSpan latency, int concurrency)
    {
        var floor = Floor(latency, concurrency);
        return floor <= TimeSpan.Zero ? double.NaN : Wall / floor;
    }
}
