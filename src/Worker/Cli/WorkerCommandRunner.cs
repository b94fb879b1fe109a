using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// <c>worker</c>: checks the configuration, connects to Temporal, then runs the worker until Ctrl+C or
/// SIGTERM and shuts it down gracefully.
/// </summary>
public sealed class WorkerCommandRunner(IReadOnlyDictionary<string, string?> environment, TextWriter error)
{
    /// <summary>
    /// Runs the worker; returns 0 after a requested stop (also one during the connection attempt), 1 when it
    /// could not start or failed.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (temporal, problems) = TemporalSettings.Read(environment);
        if (temporal is null)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", problems);
            return ExitCodes.Error;
        }

        if (temporal.Address is not { } address)
        {
            await error.WriteLineAsync(
                "error: the worker command needs TEMPORAL_ADDRESS (host:port of a Temporal frontend, for example " +
                "127.0.0.1:7233); only 'audit s3' starts a local development server.");
            return ExitCodes.Error;
        }

        var settings = WorkerHost.ValidateSettings(environment);
        if (settings.Count > 0)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", settings);
            return ExitCodes.Error;
        }

        ITemporalClient client;
        try
        {
            client = await TemporalConnection.ConnectAsync(address, temporal.Namespace, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(TemporalConnection.Interrupted(address, "the worker did not start."));
            return ExitCodes.Clean;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync(TemporalConnection.Failure(address, e));
            return ExitCodes.Error;
        }

        using var host = WorkerHost.CreateBuilder(environment, client).Build();
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
