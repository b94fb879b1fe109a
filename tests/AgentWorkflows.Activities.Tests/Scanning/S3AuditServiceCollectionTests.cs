using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class S3AuditServiceCollectionTests
{
    [Fact]
    public void AddS3Audit_WithConfiguration_ResolvesActivitiesWithBoundOptions()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["S3Audit:MaxConcurrency"] = "32",
            ["S3Audit:ThrottleBaseDelay"] = "00:00:00.5",
            ["Reports:LocalRoot"] = "/tmp/reports",
        });

        Assert.NotNull(provider.GetRequiredService<S3AuditActivities>());
        Assert.NotNull(provider.GetRequiredService<ReportActivities>());
        var options = provider.GetRequiredService<IOptions<S3AuditOptions>>().Value;
        Assert.Equal(32, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ThrottleBaseDelay);
        Assert.Equal("/tmp/reports", provider.GetRequiredService<IOptions<ReportStoreOptions>>().Value.LocalRoot);
    }

    [Fact]
    public void AddS3Audit_MaxS3CallsInFlight_OneLimiterForEveryActivityWithThatManySlots()
    {
        using var provider = Build(new Dictionary<string, string?> { ["S3Audit:MaxS3CallsInFlight"] = "48" });

        var limiter = provider.GetRequiredService<S3CallLimiter>();

        Assert.Equal(48, limiter.Capacity);
        Assert.Same(limiter, provider.GetRequiredService<S3CallLimiter>());
    }

    [Theory]
    [InlineData("S3Audit:MaxConcurrency", "0", "MaxConcurrency 0")]
    [InlineData("S3Audit:MaxS3CallsInFlight", "0", "MaxS3CallsInFlight 0")]
    [InlineData("S3Audit:HeartbeatEveryBuckets", "0", "HeartbeatEveryBuckets 0")]
    [InlineData("S3Audit:HeartbeatInterval", "00:00:15", "HeartbeatInterval 00:00:15")]
    [InlineData("S3Audit:ThrottleMaxAttempts", "50", "ThrottleMaxAttempts 50")]
    [InlineData("S3Audit:ThrottleBaseDelay", "00:01:00", "ThrottleBaseDelay 00:01:00")]
    public void AddS3Audit_BadOption_RejectedNamingTheValue(string key, string value, string named)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<S3AuditOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAwsClientFactory>(_ => Reporting.ReportFixtures.OfflineClients());
        services.AddSingleton<ISessionSealer>(_ => new AesGcmSessionSealer(new byte[AesGcmSessionSealer.KeySizeBytes]));
        services.AddS3Audit(configuration);
        return services.BuildServiceProvider();
    }
}
