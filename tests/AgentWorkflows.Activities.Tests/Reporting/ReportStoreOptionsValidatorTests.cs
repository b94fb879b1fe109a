using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

public sealed class ReportStoreOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/var/lib/agentworkflows/reports")]
    public void Validate_UnsetOrAbsoluteRoot_Passes(string? root)
    {
        var result = new ReportStoreOptionsValidator().Validate(null, new ReportStoreOptions { LocalRoot = root });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("reports")]
    [InlineData("./reports/out")]
    [InlineData("../reports")]
    public void Validate_RelativeRoot_FailsNamingTheVariableAndTheValue(string root)
    {
        var result = new ReportStoreOptionsValidator().Validate(null, new ReportStoreOptions { LocalRoot = root });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains($"Reports:LocalRoot '{root}'", message, StringComparison.Ordinal);
        Assert.Contains("AGENTWORKFLOWS_REPORT_ROOT", message, StringComparison.Ordinal);
        Assert.Contains("must be an absolute path", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddS3Audit_RelativeReportRoot_RejectedByStartupValidation()
    {
        using var provider = Build("reports/relative");

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Reports:LocalRoot 'reports/relative'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddS3Audit_AbsoluteReportRoot_PassesStartupValidation()
    {
        using var provider = Build("/tmp/aw-reports");

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("/tmp/aw-reports", provider.GetRequiredService<IOptions<ReportStoreOptions>>().Value.LocalRoot);
    }

    private static ServiceProvider Build(string root)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:LocalRoot"] = root })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAwsClientFactory>(_ => ReportFixtures.OfflineClients());
        services.AddS3Audit(configuration);
        return services.BuildServiceProvider();
    }
}
