using System.Globalization;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>
/// The one place that puts the S3 audit worker together: options (validated at start), the AWS
/// infrastructure, the workflow and its activities on one task queue. The command line, the worker
/// command and the integration suite all build their worker through <see cref="AddAuditWorker"/>.
/// </summary>
public static class AuditWorkerRegistration
{
    /// <summary>Adds the hosted worker, its options and everything its activities need.</summary>
    /// <param name="services">Services of the host.</param>
    /// <param name="configuration">
    /// Configuration with the <c>Temporal</c>, <c>Aws</c>, <c>S3Audit</c> and <c>Reports</c> sections.
    /// </param>
    /// <param name="client">
    /// A connected client to run on (command line, tests), or null to connect lazily to
    /// <see cref="TemporalOptions.Address"/> when the worker starts.
    /// </param>
    public static IServiceCollection AddAuditWorker(
        this IServiceCollection services, IConfiguration configuration, ITemporalClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        AddOptions(services, configuration);
        services.AddAgentWorkflowsAws(configuration);
        services.TryAddSingleton<IReportStoreFactory, ReportStoreFactory>();

        // One bound on S3 calls in flight for every scan activity of the worker (they are scoped).
        services.TryAddSingleton<S3CallLimiter>();
        services.AddHostedService<WorkerLifetimeLogger>();

        if (client is not null)
        {
            services.AddSingleton(client);
        }
        else
        {
            services.AddTemporalClient(clientTargetHost: null, clientNamespace: null)
                .Configure<IOptions<TemporalOptions>>((connect, temporal) =>
                {
                    connect.TargetHost = temporal.Value.Address;
                    connect.Namespace = temporal.Value.Namespace;
                });
        }

        // The hosting extension names its options by task queue, so the queue is read before the
        // options are built; TemporalOptionsValidator still rejects a bad value when the host starts.
        var taskQueue = configuration[$"{TemporalOptions.SectionName}:{nameof(TemporalOptions.TaskQueue)}"];
        services.AddHostedTemporalWorker(string.IsNullOrEmpty(taskQueue) ? TemporalOptions.DefaultTaskQueue : taskQueue)
            .AddWorkflow<S3AuditWorkflow>()
            .AddScopedActivities<IdentityActivities>()
            .AddScopedActivities<S3AuditActivities>()
            .AddScopedActivities<ReportActivities>()
            .ConfigureOptions()
            .Configure<IOptions<TemporalOptions>>((worker, temporal) =>
            {
                worker.GracefulShutdownTimeout = temporal.Value.GracefulShutdownTimeout;

                // No worker-wide typeof(Exception) here: it would also fail runs on a nondeterminism error
                // after a bad deploy, skipping their report and revocation. The workflow catches its own
                // faults, cleans up, and fails with WorkflowFault (see S3AuditWorkflow).
                worker.Interceptors = [new ActivityTracingInterceptor()];
            });

        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemporalOptions>()
            .Bind(configuration.GetSection(TemporalOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TemporalOptions>, TemporalOptionsValidator>());

        services.AddS3AuditOptions(configuration);

        // Read from configuration, not from the validated options: the host resolves HostOptions while it is
        // being built, before start-up validation could report a bad value with its reason.
        var grace = TimeSpan.TryParse(
            configuration[$"{TemporalOptions.SectionName}:{nameof(TemporalOptions.GracefulShutdownTimeout)}"],
            CultureInfo.InvariantCulture,
            out var configured) && configured > TimeSpan.Zero
            ? configured
            : new TemporalOptions().GracefulShutdownTimeout;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = grace + TimeSpan.FromSeconds(10));
    }
}
