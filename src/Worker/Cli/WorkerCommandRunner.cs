using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Worker.Cli;

/// <summary><c>worker</c>: runs the worker until Ctrl+C or SIGTERM, then shuts it down gracefully.</summary>
public sealed class WorkerCommandRunner(IReadOnlyDictionary<string, string?> environment, TextWriter error)
{
    /// <summary>Runs the worker; returns 0 after a requested stop, 1 when it could not start or failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (temporal, problems) = TemporalSettings.Read(environment);
        if (temporal is null)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Temporal configuration is invalid:", problems);
            return ExitCodes.Error;
        }

        if (temporal.Address is null)
        {
            await error.WriteLineAsync(
                "error: the worker command needs TEMPORAL_ADDRESS (host:port of a Temporal frontend, for example " +
                "127.0.0.1:7233); only 'audit s3' starts a local development server.");
            return ExitCodes.Error;
        }

        using var host = WorkerHost.CreateBuilder(environment, client: null).Build();
        var workers = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", e.Failures);
            return ExitCodes.Error;
        }

        // A worker that lost its connection stops the host; that is a failure, not a requested stop.
        return workers.Any(worker => worker.ExecuteTask is { IsFaulted: true }) ? ExitCodes.Error : ExitCodes.Clean;
    }
}
