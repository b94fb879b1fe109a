using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Aws;

/// <summary>Registers the shared AWS plumbing: options (validated at start), client factory, sealer.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AwsOptions"/> from <paramref name="configuration"/>'s <c>Aws</c> section and adds
    /// <see cref="IAwsClientFactory"/>, <see cref="ISessionSealer"/> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddAgentWorkflowsAws(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AwsOptions>()
            .Bind(configuration.GetSection(AwsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAwsClientFactory>(sp => new AwsClientFactory(
            sp.GetRequiredService<IOptions<AwsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISessionSealer, AesGcmSessionSealer>();
        return services;
    }
}
