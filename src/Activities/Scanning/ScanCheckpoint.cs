using System.Text.Json.Serialization;
using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// Heartbeat details of a scan batch: the buckets finished so far, by position in the batch, with their
/// verdicts. A retried attempt starts from here instead of reading those buckets again.
/// </summary>
public sealed record ScanCheckpoint(
    [property: JsonPropertyName("batchIndex")] int BatchIndex,
    [property: JsonPropertyName("done")] IReadOnlyList<ScannedBucket> Done);

/// <summary>One finished bucket: its position in the batch and its verdict.</summary>
public sealed record ScannedBucket(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("verdict")] BucketVerdict Verdict);
