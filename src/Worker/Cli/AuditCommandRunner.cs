using System.Globalization;
using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// <c>audit s3</c>: connect (or start a local server), run an in-process worker, start the workflow,
/// wait for it, print the summary and map the result to an exit code. Ctrl+C or SIGTERM cancels the
/// workflow, which still writes its report and revokes its session before the command returns.
/// </summary>
public sealed class AuditCommandRunner(
    IReadOnlyDictionary<string, string?> environment,
    TextWriter output,
    TextWriter error,
    ILocalTemporalServer localServer,
    TimeProvider time)
{
    /// <summary>
    /// Category of the generic host's own messages. The command line reports start-up failures itself, so
    /// the host's "Hosting failed to start" lines (with their stack traces) stay out of its output.
    /// </summary>
    internal const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="command"/> and returns the process exit code.</summary>
    public async Task<int> RunAsync(AuditS3Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // The workflow's own input rules, checked here too so that bad arguments never reach a server.
        var violations = InputValidation.Validate(command.ToInput());
        if (violations.Count > 0)
        {
            await CommandLineApp.WriteProblemsAsync(error, "The audit arguments are invalid:", violations);
            return ExitCodes.Error;
        }

        if (command.Report.LocalDirectory is { } reportDirectory &&
            ReportDirectoryCheck.Problem(reportDirectory) is { } unwritable)
        {
            await CommandLineApp.WriteProblemsAsync(error, "The report directory cannot be used:", [unwritable]);
            return ExitCodes.Error;
        }

        var (temporal, problems) = TemporalSettings.Read(environment);
        if (temporal is null)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", problems);
            return ExitCodes.Error;
        }

        // The user named the report directory on the command line: the in-process worker may write there.
        var overrides = new Dictionary<string, string?> { [$"Logging:LogLevel:{HostCategory}"] = "None" };
        if (command.Report.LocalDirectory is { } directory)
        {
            overrides["Reports:LocalRoot"] = directory;
        }

        // Every setting is checked before a connection or a dev-server download is attempted.
        var settings = WorkerHost.ValidateSettings(environment, overrides);
        if (settings.Count > 0)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", settings);
            return ExitCodes.Error;
        }

        ITemporalClient client;
        IAsyncDisposable? server = null;
        try
        {
            if (temporal.Address is { } address)
            {
                client = await TemporalConnection.ConnectAsync(address, temporal.Namespace, cancellationToken);
            }
            else
            {
                (client, server) = await localServer.StartAsync(temporal.Namespace, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(TemporalConnection.Interrupted(
                temporal.Address ?? "the local development server", "no workflow was started."));
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync(temporal.Address is { } address
                ? TemporalConnection.Failure(address, e)
                : "error: TEMPORAL_ADDRESS is not set and Temporal's local development server could not be " +
                  $"started: {e.Message}{Environment.NewLine}Set TEMPORAL_ADDRESS to a running Temporal " +
                  "server (for example 127.0.0.1:7233 after 'docker compose up'), or TEMPORAL_DEV_SERVER_PATH " +
                  "to an installed 'temporal' CLI.");
            return ExitCodes.Error;
        }

        try
        {
            return await RunWithClientAsync(command, client, temporal, overrides, cancellationToken);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private async Task<int> RunWithClientAsync(
        AuditS3Command command,
        ITemporalClient client,
        TemporalOptions temporal,
        IReadOnlyDictionary<string, string?> overrides,
        CancellationToken cancellationToken)
    {
        using var host = WorkerHost.CreateBuilder(environment, client, LogLevel.Warning, overrides).Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await CommandLineApp.WriteProblemsAsync(error, "Configuration is invalid:", e.Failures);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted while the worker was starting; no workflow was started.");
            return ExitCodes.Error;
        }

        try
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
                lifetime.ApplicationStopping, cancellationToken);
            var workers = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            return await RunWorkflowAsync(command, client, temporal.TaskQueue, workers, stopping.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<int> RunWorkflowAsync(
        AuditS3Command command,
        ITemporalClient client,
        string taskQueue,
        IReadOnlyList<BackgroundService> workers,
        CancellationToken stopping)
    {
        var workflowId = command.WorkflowId ?? string.Create(
            CultureInfo.InvariantCulture, $"s3-audit-{command.AccountId}-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}");
        using var span = WorkerTelemetry.Source.StartActivity("audit s3");
        span?.SetTag("temporal.workflow.id", workflowId);
        span?.SetTag("aws.account.id", command.AccountId);

        WorkflowHandle<S3AuditWorkflow, S3AuditResult> handle;
        try
        {
            var input = command.ToInput();
            handle = await client.StartWorkflowAsync(
                (S3AuditWorkflow workflow) => workflow.RunAsync(input), new WorkflowOptions(workflowId, taskQueue));
        }
        catch (WorkflowAlreadyStartedException)
        {
            await error.WriteLineAsync(
                $"error: a workflow with id '{workflowId}' already exists; choose another --workflow-id.");
            return ExitCodes.Error;
        }

        await output.WriteLineAsync(
            $"Started workflow {workflowId} (run {handle.ResultRunId}) on task queue {taskQueue}; waiting for it.");
        using var cancelOnStop = stopping.Register(() => _ = CancelAsync(handle));
        try
        {
            var waiting = handle.GetResultAsync();
            var workerFailed = WorkerFailureAsync(workers);
            if (await Task.WhenAny(waiting, workerFailed) == workerFailed && await workerFailed is { } failure)
            {
                // The host's own log of this failure is silenced on the command line; say it here, once.
                await error.WriteLineAsync($"error: the in-process worker stopped: {failure.Message}");
                return ExitCodes.Error;
            }

            var result = await waiting;
            await output.WriteLineAsync(AuditSummary.Format(workflowId, command.AccountId, result));
            WorkerTelemetry.AuditsFinished.Add(
                1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
            return ExitCodes.FromResult(result);
        }
        catch (WorkflowFailedException e)
        {
            await error.WriteLineAsync($"error: workflow {workflowId} {Describe(e.InnerException)}");
            WorkerTelemetry.AuditsFinished.Add(1, new KeyValuePair<string, object?>("outcome", "Failed"));
            var progress = await QueryProgressAsync(handle);
            var errorType = (e.InnerException as ApplicationFailureException)?.ErrorType;
            await output.WriteLineAsync(
                $"S3 audit of account {command.AccountId} ({workflowId}): did not finish" + Environment.NewLine +
                UnfinishedAudit.Format(workflowId, handle.ResultRunId!, command.Report, progress, errorType));
            return UnfinishedAudit.ExitCode(progress);
        }
    }

    /// <summary>
    /// The counts of a closed run; the in-process worker still runs and answers the query. Null when the
    /// query fails, so that the exit code falls back to 1 rather than claiming a clean account.
    /// </summary>
    private async Task<AuditProgress?> QueryProgressAsync(WorkflowHandle<S3AuditWorkflow, S3AuditResult> handle)
    {
        try
        {
            var options = new WorkflowQueryOptions { Rpc = new() { Timeout = QueryTimeout } };
            return await handle.QueryAsync(workflow => workflow.GetProgress(), options);
        }
        catch (Exception e) when (e is RpcException or WorkflowQueryFailedException or WorkflowQueryRejectedException
            or OperationCanceledException or TemporalException)
        {
            await error.WriteLineAsync($"warning: the run's counts could not be queried: {e.Message}");
            return null;
        }
    }

    /// <summary>The first failure of a worker, or null once every worker ended without one.</summary>
    private static async Task<Exception?> WorkerFailureAsync(IReadOnlyList<BackgroundService> workers)
    {
        var running = workers.Select(worker => worker.ExecuteTask).OfType<Task>().ToList();
        while (running.Count > 0)
        {
            var ended = await Task.WhenAny(running);
            if (ended.IsFaulted)
            {
                return ended.Exception?.InnerException ?? ended.Exception;
            }

            running.Remove(ended);
        }

        // No worker failed: never win the race against the workflow's result.
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
        return null;
    }

    private async Task CancelAsync(WorkflowHandle handle)
    {
        try
        {
            await error.WriteLineAsync("Cancelling the audit; it writes its report and revokes its session first.");
            await handle.CancelAsync();
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"error: could not cancel the workflow: {e.Message}");
        }
    }

    private static string Describe(Exception? failure) => failure switch
    {
        CanceledFailureException => "was cancelled; its report records the partial findings.",
        ApplicationFailureException app => $"failed ({app.ErrorType ?? "no error type"}): {app.Message}",
        TerminatedFailureException => "was terminated; no cleanup ran after that point.",
        TimeoutFailureException timeout => $"timed out ({timeout.TimeoutType}).",
        null => "failed.",
        _ => $"failed: {failure.Message}",
    };
}
