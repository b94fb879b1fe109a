using System.Globalization;
using System.Text;

namespace AgentWorkflows.Benchmark;

/// <summary>Prints the figures as a Markdown table, then the targets with what was measured against each.</summary>
internal static class ResultPrinter
{
    public const double MaxCallsPerBucket = 6;
    public const double MaxFloorRatio = 1.15;
    public const int FloorTargetBuckets = 1000;
    public const int HistoryTargetBuckets = 10_000;
    public const int MaxHistoryEvents = 10_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Table(BenchSettings settings, IReadOnlyList<ModeResult> results)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine(
            "| buckets | mode | wall | floor | wall/floor | S3 calls/bucket | calls | in flight mean/peak " +
            "| client in flight mean/peak | managed MB peak (+run) | working set MB peak (+run) | history events " +
            "| public/not/unknown |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            if (r.Skipped is not null)
            {
                text.AppendLine(Invariant, $"| {r.Buckets:N0} | {r.Mode} | skipped: {r.Skipped} |||||||||||");
                continue;
            }

            var ratio = r.FloorRatio(settings.Latency, settings.Concurrency);
            text.AppendLine(Invariant,
                $"| {r.Buckets:N0} | {r.Mode} | {Seconds(r.Wall)} | " +
                $"{Seconds(r.Floor(settings.Latency, settings.Concurrency))} | " +
                $"{(double.IsNaN(ratio) ? "n/a" : ratio.ToString("0.00", Invariant) + "x")} | " +
                $"{r.CallsPerBucket:0.00} | {r.TotalCalls:N0} | " +
                $"{r.ServerInFlight.Mean:0.0}/{r.ServerInFlight.Peak} | " +
                $"{r.ClientInFlight.Mean:0.0}/{r.ClientInFlight.Peak} | " +
                $"{Megabytes(r.PeakManaged)} (+{Megabytes(r.PeakManaged - r.BaselineManaged)}) | " +
                $"{Megabytes(r.PeakWorkingSet)} (+{Megabytes(r.PeakWorkingSet - r.BaselineWorkingSet)}) | " +
                $"{(r.HistoryEvents is { } events ? events.ToString("N0", Invariant) : "-")} | " +
                $"{(r.Counts is { } c ? $"{c.Public}/{c.NotPublic}/{c.Unknown}" : "-")} |");
        }

        foreach (var r in results.Where(r => r.Note is not null || r.FailedCalls > 0))
        {
            var failed = r.FailedCalls > 0 ? $" {r.FailedCalls} calls answered 5xx/429." : string.Empty;
            text.AppendLine(Invariant, $"- {r.Mode} at {r.Buckets:N0} buckets: {r.Note}{failed}");
        }

        return text.ToString();
    }

    public static string Targets(BenchSettings settings, IReadOnlyList<ModeResult> results)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(results);
        var activities = results.Where(r => r.Mode == BenchSettings.ActivitiesMode && r.Skipped is null).ToList();
        var text = new StringBuilder();
        text.AppendLine("Targets (activity layer unless noted):");

        var worst = activities.Count == 0 ? (double?)null : activities.Max(r => r.CallsPerBucket);
        var callsMeasured = worst is { } w
            ? string.Create(Invariant, $"{Verdict(w <= MaxCallsPerBucket)} (worst {w:0.00})")
            : "not measured";
        text.AppendLine(Invariant, $"- at most {MaxCallsPerBucket:0} S3 calls per bucket: {callsMeasured}");

        var atFloorSize = activities.FirstOrDefault(r => r.Buckets == FloorTargetBuckets);
        var ratio = atFloorSize?.FloorRatio(settings.Latency, settings.Concurrency);
        var floorMeasured = ratio is { } q && !double.IsNaN(q)
            ? string.Create(
                Invariant, $"{Verdict(q <= MaxFloorRatio)} ({q:0.00}x at concurrency {settings.Concurrency})")
            : string.Create(Invariant, $"not measured (needs --buckets {FloorTargetBuckets} and a latency above zero)");
        text.AppendLine(Invariant,
            $"- wall <= {MaxFloorRatio:0.00}x the floor at {FloorTargetBuckets:N0} buckets: {floorMeasured}");

        var workflow = results.FirstOrDefault(r =>
            r.Mode == BenchSettings.WorkflowMode && r.Buckets == HistoryTargetBuckets);
        var historyMeasured = workflow switch
        {
            { HistoryEvents: { } events } =>
                string.Create(Invariant, $"{Verdict(events < MaxHistoryEvents)} ({events:N0} events)"),
            { Skipped: { } why } => $"not measured ({why})",
            _ => string.Create(
                Invariant, $"not measured (needs --buckets {HistoryTargetBuckets} and --modes with workflow)"),
        };
        text.AppendLine(Invariant,
            $"- {HistoryTargetBuckets:N0} buckets with fewer than {MaxHistoryEvents:N0} history events " +
            $"(workflow mode): {historyMeasured}");
        return text.ToString();
    }

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", Invariant) + " s";

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0", Invariant);
}
