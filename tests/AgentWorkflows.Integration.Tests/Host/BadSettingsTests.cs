using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;

namespace AgentWorkflows.Integration.Tests.Host;

/// <summary>Regression tests for the settings a new user broke the worker with.</summary>
public sealed class BadSettingsTests
{
    private static Dictionary<string, string?> ValidEnvironment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
            ["AWS_REGION"] = "us-east-1",
            ["AGENTWORKFLOWS_SEALING_KEY"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    [Theory]
    [InlineData("Aws__S3Endpoint__x", "1", "Aws:S3Endpoint")]
    [InlineData("Aws__StsEndpoint__Url", "http://127.0.0.1:5000", "Aws:StsEndpoint")]
    [InlineData("Temporal__Address__0", "127.0.0.1:7233", "Temporal:Address")]
    [InlineData("S3Audit__MaxConcurrency__a", "4", "S3Audit:MaxConcurrency")]
    public void ValidateSettings_SingleValueGivenAsSection_NamesTheVariableInsteadOfCrashing(
        string variable, string value, string key)
    {
        var environment = ValidEnvironment((variable, value));
        environment.Remove("TEMPORAL_ADDRESS");

        var failure = Assert.Single(WorkerHost.ValidateSettings(environment));

        Assert.StartsWith($"{key} ({variable}) must be one value, not a section", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TemporalAddressGivenAsSection_NamesTheVariable()
    {
        var (options, errors) = TemporalSettings.Read(ValidEnvironment(("Temporal__Address__0", "127.0.0.1:7233")));

        Assert.Null(options);
        Assert.Contains("Temporal__Address__0", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:7233?apiKey=s3cr3t", "s3cr3t")]
    [InlineData("127.0.0.1:7233/?token=x", "token=x")]
    [InlineData("127.0.0.1:7233#frag-s3cr3t", "s3cr3t")]
    public void Read_AddressWithQueryOrFragment_RefusesItWithoutShowingIt(string address, string secret)
    {
        var (options, errors) = TemporalSettings.Read(ValidEnvironment(("TEMPORAL_ADDRESS", address)));

        Assert.Null(options);
        var error = Assert.Single(errors);
        Assert.Contains("(TEMPORAL_ADDRESS)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain(address, error, StringComparison.Ordinal);
        Assert.DoesNotContain("7233?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DotnetStyleAddress_NamesTheVariableTheUserSet()
    {
        var environment = ValidEnvironment(("Temporal__Address", "http://127.0.0.1:7233"));
        environment.Remove("TEMPORAL_ADDRESS");

        var (_, errors) = TemporalSettings.Read(environment);

        var error = Assert.Single(errors);
        Assert.Contains("(Temporal__Address)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMPORAL_ADDRESS", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aws__Region", "EU", "Aws:Region 'EU' (Aws__Region)")]
    [InlineData("S3Audit__MaxConcurrency", "0", "S3Audit:MaxConcurrency 0 (S3Audit__MaxConcurrency)")]
    [InlineData("S3Audit__HeartbeatInterval", "0s", "S3Audit:HeartbeatInterval '0s' (S3Audit__HeartbeatInterval)")]
    public void ValidateSettings_DotnetStyleVariable_IsNamedInTheError(string variable, string value, string expected)
    {
        var environment = ValidEnvironment((variable, value));
        environment.Remove("AWS_REGION");
        if (variable != "Aws__Region")
        {
            environment["AWS_REGION"] = "us-east-1";
        }

        var failure = Assert.Single(WorkerHost.ValidateSettings(environment));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "20")]
    [InlineData("Temporal__GracefulShutdownTimeout", "20")]
    [InlineData("S3Audit__HeartbeatInterval", "5")]
    [InlineData("Aws__RequestTimeout", "30")]
    public void ValidateSettings_DurationWithoutUnit_IsRefused(string variable, string value)
    {
        var failure = Assert.Single(WorkerHost.ValidateSettings(ValidEnvironment((variable, value))));

        Assert.Contains($"'{value}' ({variable}) must be a duration with a unit", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "0s")]
    [InlineData("Temporal__GracefulShutdownTimeout", "0s")]
    [InlineData("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "00:00:00")]
    public void ValidateSettings_ZeroShutdownTimeout_SaysAboveZeroWithTheValueGiven(string variable, string value)
    {
        var failure = Assert.Single(WorkerHost.ValidateSettings(ValidEnvironment((variable, value))));

        Assert.Contains($"'{value}' ({variable})", failure, StringComparison.Ordinal);
        Assert.Contains("above zero", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Temporal__GracefulShutdownTimeout", "20s")]
    [InlineData("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "1m30s")]
    [InlineData("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "00:00:20")]
    [InlineData("S3Audit__HeartbeatInterval", "5s")]
    [InlineData("Aws__RequestTimeout", "45s")]
    public void ValidateSettings_DurationWithUnitOrClock_IsAccepted(string variable, string value)
    {
        Assert.Empty(WorkerHost.ValidateSettings(ValidEnvironment((variable, value))));
    }

    [Fact]
    public void ValidateSettings_HeartbeatIntervalInMinutes_IsReadAndOnlyItsRangeIsRefused()
    {
        var failure = Assert.Single(
            WorkerHost.ValidateSettings(ValidEnvironment(("S3Audit__HeartbeatInterval", "1m"))));

        Assert.StartsWith("S3Audit:HeartbeatInterval '1m' (S3Audit__HeartbeatInterval) must be above zero and at most",
            failure, StringComparison.Ordinal);
    }
}
