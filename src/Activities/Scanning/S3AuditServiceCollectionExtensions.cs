using AgentWorkflows.Activities.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>Registers the audit's scan and report services; the AWS plumbing comes from AddAgentWorkflowsAws.</summary>
public static class S3AuditServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="S3AuditOptions"/> (section <c>S3Audit</c>, validated at start) and
    /// <see cref="ReportStoreOptions"/> (section <c>Reports</c>, validated at start), and adds
    /// <see cref="IReportStoreFactory"/>, the worker-wide <see cref="S3CallLimiter"/>,
    /// <see cref="S3AuditActivities"/> and <see cref="ReportActivities"/> as singletons. Register the
    /// activities with the Temporal worker separately (for example AddSingletonActivities).
    /// </summary>
    public static IServiceCollection AddS3Audit(this IServiceCollection services, IConfiguration configuration)
    {
        AddS3AuditOptions(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReportStoreFactory, ReportStoreFactory>();
        services.TryAddSingleton<S3CallLimiter>();
        services.TryAddSingleton<S3AuditActivities>();
        services.TryAddSingleton<ReportActivities>();
        return services;
    }

    /// <summary>
    /// Binds the scan (<c>S3Audit</c>) and report store (<c>Reports</c>) options and validates them when
    /// the host starts; for hosts that register the activities themselves.
    /// </summary>
    public static IServiceCollection AddS3AuditOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<S3AuditOptions>()
            .Bind(configuration.GetSection(S3AuditOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<S3AuditOptions>, S3AuditOptionsValidator>());
        services.AddOptions<ReportStoreOptions>()
            .Bind(configuration.GetSection(ReportStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ReportStoreOptions>, ReportStoreOptionsValidator>());
        return services;
    }
}
