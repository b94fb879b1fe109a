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
        var environment = await WorkflowEnvironment.StartLocalAsync(options).WaitAsync(cancellationToken);
        return (environment.Client, environment);
    }
}
