using Temporalio.Client;

namespace AgentWorkflows.Worker.Cli;

/// <summary>Connects the command line to the configured Temporal server, and words what went wrong.</summary>
internal static class TemporalConnection
{
    /// <summary>
    /// Connects to <paramref name="address"/>; Ctrl+C or SIGTERM (<paramref name="cancellationToken"/>)
    /// abandons the attempt at once with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<ITemporalClient> ConnectAsync(
        string address, string @namespace, CancellationToken cancellationToken)
    {
        var connect = new TemporalClientConnectOptions(address) { Namespace = @namespace };
        return await TemporalClient.ConnectAsync(connect).WaitAsync(cancellationToken);
    }

    /// <summary>The one-line error for a server that could not be reached.</summary>
    public static string Failure(string address, Exception failure) =>
        $"error: could not connect to Temporal at {address} (TEMPORAL_ADDRESS): {failure.Message}";

    /// <summary>The one-line notice for a connection attempt that Ctrl+C or SIGTERM stopped.</summary>
    public static string Interrupted(string target, string outcome) =>
        $"Interrupted while connecting to Temporal at {target}; {outcome}";
}
