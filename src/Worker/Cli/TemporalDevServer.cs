using Temporalio.Client;
using Temporalio.Testing;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// Temporal's development server through the SDK (<see cref="WorkflowEnvironment.StartLocalAsync"/>). The
/// SDK downloads the server on first use; <c>TEMPORAL_DEV_SERVER_PATH</c> names an existing
/// <c>temporal</c> executable instead, for machines without internet access.
/// </summary>
public sealed class TemporalDevServer(string? existingPath) : ILocalTemporalServer
{
    /// <inheritdoc />
    public async Task<(ITemporalClient Client, IAsyncDisposable Server)> StartAsync(
        string @namespace, CancellationToken cancellationToken)
    {
        var options = new WorkflowEnvironmentStartLocalOptions
        {
            Namespace = @namespace,
            DevServerOptions = new DevServerOptions { ExistingPath = existingPath },
        };
        var starting = WorkflowEnvironment.StartLocalAsync(options);
        try
        {
            var environment = await starting.WaitAsync(cancellationToken);
            return (environment.Client, environment);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The SDK cannot cancel a start; abandoning it would leave the server process running after
            // this one exits. Wait for the start to end, then stop what it started.
            await StopAsync(starting);
            throw;
        }
    }

    private static async Task StopAsync(Task<WorkflowEnvironment> starting)
    {
        try
        {
            await using var environment = await starting;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The start failed on its own; nothing of it is left to stop.
        }
    }
}
