using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Worker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>Logs the worker's start and stop at Information, with the settings an operator checks first.</summary>
public sealed class WorkerLifetimeLogger(
    IOptions<TemporalOptions> temporal,
    IOptions<AwsOptions> aws,
    ILogger<WorkerLifetimeLogger> logger) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = temporal.Value;
        WorkerLog.WorkerStarting(logger, options.TaskQueue, options.Namespace, options.Address ?? "local dev server");
        if (options.Address is not null && aws.Value.SealingKey is null)
        {
            WorkerLog.NoSharedSealingKey(logger, options.TaskQueue);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        WorkerLog.WorkerStarted(logger, temporal.Value.TaskQueue);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        WorkerLog.WorkerStopping(logger, temporal.Value.GracefulShutdownTimeout);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        WorkerLog.WorkerStopped(logger, temporal.Value.TaskQueue);
        return Task.CompletedTask;
    }
}
