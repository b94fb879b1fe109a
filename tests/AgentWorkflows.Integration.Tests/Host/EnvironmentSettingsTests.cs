using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class EnvironmentSettingsTests
{
    [Fact]
    public void ToConfiguration_DocumentedVariables_SetTheirKeys()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
            ["TEMPORAL_NAMESPACE"] = "audits",
            ["AGENTWORKFLOWS_TASK_QUEUE"] = "q1",
            ["AWS_REGION"] = "eu-west-1",
            ["AGENTWORKFLOWS_SEALING_KEY"] = "k",
            ["AGENTWORKFLOWS_REPORT_ROOT"] = "/var/reports",
        });

        Assert.Equal("127.0.0.1:7233", configuration["Temporal:Address"]);
        Assert.Equal("audits", configuration["Temporal:Namespace"]);
        Assert.Equal("q1", configuration["Temporal:TaskQueue"]);
        Assert.Equal("eu-west-1", configuration["Aws:Region"]);
        Assert.Equal("k", configuration["Aws:SealingKey"]);
        Assert.Equal("/var/reports", configuration["Reports:LocalRoot"]);
    }

    [Fact]
    public void ToConfiguration_ServiceEndpoint_WinsOverGeneralEndpoint()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
            ["AWS_ENDPOINT_URL_S3_CONTROL"] = "http://127.0.0.1:5001",
        });

        Assert.Equal("http://127.0.0.1:5000", configuration["Aws:StsEndpoint"]);
        Assert.Equal("http://127.0.0.1:5000", configuration["Aws:IamEndpoint"]);
        Assert.Equal("http://127.0.0.1:5000", configuration["Aws:S3Endpoint"]);
        Assert.Equal("http://127.0.0.1:5001", configuration["Aws:S3ControlEndpoint"]);
        Assert.Equal("true", configuration["Aws:S3ForcePathStyle"]);
    }

    [Fact]
    public void ToConfiguration_RegionVariables_AwsRegionWinsOverDefaultRegion()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>
        {
            ["AWS_DEFAULT_REGION"] = "us-west-2",
            ["AWS_REGION"] = "eu-central-1",
        });

        Assert.Equal("eu-central-1", configuration["Aws:Region"]);
    }

    [Fact]
    public void ToConfiguration_NoEndpoint_LeavesPathStyleUnset()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>());

        Assert.False(configuration.ContainsKey("Aws:S3ForcePathStyle"));
        Assert.False(configuration.ContainsKey("Aws:S3Endpoint"));
    }

    [Fact]
    public void ToConfiguration_DotNetStyleAndOtelVariables_PassThrough()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>
        {
            ["S3Audit__MaxConcurrency"] = "4",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["PATH"] = "/usr/bin",
        });

        Assert.Equal("4", configuration["S3Audit:MaxConcurrency"]);
        Assert.Equal("http://127.0.0.1:4317", configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.False(configuration.ContainsKey("PATH"));
    }

    [Fact]
    public void ToConfiguration_EmptyVariable_IsIgnored()
    {
        var configuration = EnvironmentSettings.ToConfiguration(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = "",
        });

        Assert.False(configuration.ContainsKey("Temporal:Address"));
    }

    [Theory]
    [InlineData("20s", "00:00:20")]
    [InlineData("1m30s", "00:01:30")]
    [InlineData("00:00:45", "00:00:45")]
    [InlineData("soon", "soon")]
    public void ToConfiguration_ShutdownTimeout_TakesTheDurationSyntaxOfTheCommandLine(string value, string expected)
    {
        var configuration = EnvironmentSettings.ToConfiguration(
            new Dictionary<string, string?> { ["AGENTWORKFLOWS_SHUTDOWN_TIMEOUT"] = value });

        Assert.Equal(expected, configuration[EnvironmentSettings.ShutdownTimeoutKey]);
    }

    [Theory]
    [InlineData("AWS_REGION", "Aws:Region", "AWS_REGION")]
    [InlineData("AWS_DEFAULT_REGION", "Aws:Region", "AWS_DEFAULT_REGION")]
    [InlineData("AWS_ENDPOINT_URL_S3", "Aws:S3Endpoint", "AWS_ENDPOINT_URL_S3")]
    [InlineData("s3audit__maxconcurrency", "S3Audit:MaxConcurrency", "s3audit__maxconcurrency")]
    [InlineData("UNRELATED", "S3Audit:MaxConcurrency", "S3Audit__MaxConcurrency")]
    [InlineData("UNRELATED", "Logging:Format", "AGENTWORKFLOWS_LOG_FORMAT")]
    public void VariableFor_Key_NamesTheVariableTheUserSet(string set, string key, string expected)
    {
        var environment = new Dictionary<string, string?> { [set] = "x" };

        Assert.Equal(expected, EnvironmentSettings.VariableFor(environment, key));
    }
}
