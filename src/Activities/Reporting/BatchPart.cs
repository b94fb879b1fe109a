using System.Text.Json.Serialization;
using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// The findings of one scan batch, stored beside the run's report until the report is assembled.
/// <see cref="Complete"/> is false when the batch was cancelled or stopped early; its
/// <see cref="Verdicts"/> then hold only the buckets finished before that.
/// </summary>
/// <param name="BucketNames">Every bucket of the batch, finished or not, in batch order.</param>
public sealed record BatchPart(
    [property: JsonPropertyName("batchIndex")] int BatchIndex,
    [property: JsonPropertyName("complete")] bool Complete,
    [property: JsonPropertyName("bucketNames")] IReadOnlyList<string> BucketNames,
    [property: JsonPropertyName("verdicts")] IReadOnlyList<BucketVerdict> Verdicts);
