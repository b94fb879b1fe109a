using System.Globalization;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Workflows;

namespace AgentWorkflows.Benchmark;

/// <summary>What the command line asked for; every value is checked when parsed.</summary>
/// <param name="BucketCounts">Account sizes to measure, in the order given.</param>
/// <param name="Latency">Server-side delay the fake adds to every call.</param>
/// <param name="Concurrency">
/// S3 calls in flight at most: the worker-wide limiter's slots (S3Audit:MaxS3CallsInFlight) for the
/// activities, buckets at once for the plain loop. The floor divides by it.
/// </param>
/// <param name="BatchSize">Buckets per scan activity.</param>
/// <param name="ScansInFlight">Scan activities running at once (the workflow's limit).</param>
/// <param name="BucketsPerScan">Buckets one scan reads at once (S3Audit:MaxConcurrency).</param>
/// <param name="Modes">Which modes run: <c>activities</c>, <c>plain</c>, <c>workflow</c>.</param>
internal sealed record BenchSettings(
    IReadOnlyList<int> BucketCounts,
    TimeSpan Latency,
    int Concurrency,
    int BatchSize,
    int ScansInFlight,
    int BucketsPerScan,
    IReadOnlySet<string> Modes)
{
    public const string ActivitiesMode = "activities";
    public const string PlainMode = "plain";
    public const string WorkflowMode = "workflow";

    public const string Usage =
        "usage: AgentWorkflows.Benchmark [--buckets 1,100,1000,10000] [--latency 20ms] [--concurrency N]\n" +
        "                               [--batch-size 100] [--scans 8] [--buckets-per-scan 16]\n" +
        "                               [--modes activities,plain,workflow]\n" +
        "  --concurrency  S3 calls in flight at most (default: S3Audit:MaxS3CallsInFlight)\n" +
        "  --scans        scan activities in flight (default: the workflow's MaxScansInFlight)\n" +
        "  --buckets-per-scan  buckets one scan reads at once (default: S3Audit:MaxConcurrency)\n" +
        "  --latency      server-side delay per call, with a unit: 20ms or 0.5s (0 to 10 s)\n" +
        "  --help, -h     print this text\n" +
        "  BENCH_DETAILS=1     also print the fake's answers per operation and status\n" +
        "  BENCH_KEEP_REPORTS=1  keep the written reports and print the folder that holds them\n" +
        "  workflow mode runs only when TEMPORAL_ADDRESS names a Temporal server";

    private static readonly string[] AllModes = [ActivitiesMode, PlainMode, WorkflowMode];

    private static readonly string[] KnownOptions =
        ["--buckets", "--latency", "--concurrency", "--batch-size", "--scans", "--buckets-per-scan", "--modes"];

    /// <summary>True when the arguments ask for the usage text (<c>--help</c> or <c>-h</c> anywhere).</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a is "--help" or "-h");
    }

    /// <summary>
    /// Parses the arguments (each option at most once, each with a value); throws
    /// <see cref="ArgumentException"/> naming the bad value and the rule.
    /// </summary>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        IReadOnlyList<int> buckets = [1, 100, 1000, 10000];
        var latency = TimeSpan.FromMilliseconds(20);
        int? concurrency = null;
        var batchSize = S3AuditWorkflow.BatchSize;
        var scansInFlight = S3AuditWorkflow.MaxScansInFlight;
        var bucketsPerScan = new S3AuditOptions().MaxConcurrency;
        IReadOnlySet<string> modes = new HashSet<string>(AllModes, StringComparer.Ordinal);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!KnownOptions.Contains(name))
            {
                throw new ArgumentException($"Unknown option '{name}'; see the options below.");
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Option {name} is given twice; give each option at most once.");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--buckets":
                    buckets = ParseBucketCounts(value);
                    break;
                case "--latency":
                    latency = ParseLatency(value);
                    break;
                case "--concurrency":
                    concurrency = ParsePositive(name, value, 4096);
                    break;
                case "--batch-size":
                    batchSize = ParsePositive(name, value, 1000);
                    break;
                case "--scans":
                    scansInFlight = ParsePositive(name, value, 64);
                    break;
                case "--buckets-per-scan":
                    bucketsPerScan = ParsePositive(name, value, 256);
                    break;
                default:
                    modes = ParseModes(value);
                    break;
            }
        }

        return new BenchSettings(
            buckets,
            latency,
            concurrency ?? new S3AuditOptions().MaxS3CallsInFlight,
            batchSize,
            scansInFlight,
            bucketsPerScan,
            modes);
    }

    private static List<int> ParseBucketCounts(string value)
    {
        var counts = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            counts.Add(ParsePositive("--buckets", part, 100_000));
        }

        return counts.Count > 0
            ? counts
            : throw new ArgumentException($"--buckets '{value}' names no count; give e.g. 1,100,1000.");
    }

    private static TimeSpan ParseLatency(string value)
    {
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException(
                $"--latency '{value}' has no unit; give a unit, e.g. {text}ms or {text}s.");
        }

        double milliseconds;
        var ok = text.EndsWith("ms", StringComparison.Ordinal)
            ? double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out milliseconds)
            : TryParseSeconds(text, out milliseconds);
        if (!ok || double.IsNaN(milliseconds) || milliseconds < 0 || milliseconds > 10_000)
        {
            throw new ArgumentException(
                $"--latency '{value}' must be a duration from 0 to 10 s with a unit, e.g. 20ms or 0.5s.");
        }

        return TimeSpan.FromMilliseconds(milliseconds);
    }

    private static bool TryParseSeconds(string text, out double milliseconds)
    {
        milliseconds = 0;
        if (!text.EndsWith('s') || text.EndsWith("ms", StringComparison.Ordinal)
            || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        milliseconds = seconds * 1000;
        return true;
    }

    private static int ParsePositive(string name, string value, int maximum)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            || number < 1 || number > maximum)
        {
            throw new ArgumentException($"{name} '{value}' must be a whole number from 1 to {maximum}.");
        }

        return number;
    }

    private static HashSet<string> ParseModes(string value)
    {
        var modes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var mode = part.ToLowerInvariant();
            if (!AllModes.Contains(mode))
            {
                throw new ArgumentException(
                    $"--modes '{part}' is not a mode; choose from {string.Join(", ", AllModes)}.");
            }

            modes.Add(mode);
        }

        return modes;
    }
}
