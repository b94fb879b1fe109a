using Temporalio.Client;

namespace AgentWorkflows.Worker.Cli;

/// <summary>Starts a Temporal server for one command-line run when no <c>TEMPORAL_ADDRESS</c> is set.</summary>
public interface ILocalTemporalServer
{
    /// <summary>Starts the server and returns a client connected to <paramref name="namespace"/>.</summary>
    /// <returns>The client, and a handle that stops the server when disposed.</returns>
    Task<(ITemporalClient Client, IAsyncDisposable Server)> StartAsync(
        string @namespace, CancellationToken cancellationToken);
}
