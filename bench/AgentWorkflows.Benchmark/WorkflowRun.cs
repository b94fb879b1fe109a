using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Client;
using Temporalio.Worker;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Mode "workflow": runs <see cref="S3AuditWorkflow"/> on a real worker against the Temporal server that
/// <c>TEMPORAL_ADDRESS</c> names, with the same activity instances as mode "activities", and counts the
/// events of the run's history. The workflow uses its own batch size and in-flight limit.
/// </summary>
internal static class WorkflowRun
{
    public const string AddressVariable = "TEMPORAL_ADDRESS";
    public const string NamespaceVariable = "TEMPORAL_NAMESPACE";

    /// <summary>The server address, or null with the reason the mode is skipped.</summary>
    public static (string? Address, string? SkipReason) Address()
    {
        var address = Environment.GetEnvironmentVariable(AddressVariable);
        return string.IsNullOrWhiteSpace(address)
            ? (null, $"{AddressVariable} is not set, so there is no Temporal server to run the workflow on")
            : (address.Trim(), null);
    }

    /// <summary>Runs one audit to its end and returns its result and the number of history events.</summary>
    public static async Task<(S3AuditResult Result, int HistoryEvents)> RunAsync(
        string address, BenchTarget target, ActivitySet activities, string reportDirectory, int buckets)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(activities);
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(address)
        {
            Namespace = Environment.GetEnvironmentVariable(NamespaceVariable) is { Length: > 0 } ns ? ns : "default",
        }).ConfigureAwait(false);

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var taskQueue = $"bench-{suffix}";
        var options = new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<S3AuditWorkflow>()
            .AddAllActivities(activities.Identity)
            .AddAllActivities(activities.Scan)
            .AddAllActivities(activities.Report);
        using var worker = new TemporalWorker(client, options);

        var input = new S3AuditInput(
            target.AccountId,
            target.RoleArn,
            "bench-agent",
            new ReportDestination(LocalDirectory: reportDirectory));
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(
                (S3AuditWorkflow workflow) => workflow.RunAsync(input),
                new WorkflowOptions($"bench-audit-{buckets}-{suffix}", taskQueue)).ConfigureAwait(false);
            var result = await handle.GetResultAsync().ConfigureAwait(false);
            var history = await handle.FetchHistoryAsync().ConfigureAwait(false);
            return (result, history.Events.Count);
        }).ConfigureAwait(false);
    }
}
