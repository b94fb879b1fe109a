using Xunit.Sdk;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>The skip path runs everywhere, so a machine without a server still proves the reason is given.</summary>
public sealed class IntegrationGateTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
        ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLEEXAMPLE00",
        ["AWS_SECRET_ACCESS_KEY"] = "example-secret",
    };

    [Fact]
    public void RequireOrSkip_NothingSet_SkipsNamingEveryVariableAndTheReadme()
    {
        var skip = Assert.Throws<SkipException>(() => IntegrationGate.RequireOrSkip(new Dictionary<string, string?>()));

        Assert.Contains(
            "TEMPORAL_ADDRESS, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY not set", skip.Message,
            StringComparison.Ordinal);
        Assert.Contains("docker compose up", skip.Message, StringComparison.Ordinal);
        Assert.Contains("README.md", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireOrSkip_OneMissing_NamesOnlyThatOne()
    {
        var environment = Complete();
        environment.Remove("AWS_ENDPOINT_URL");

        var skip = Assert.Throws<SkipException>(() => IntegrationGate.RequireOrSkip(environment));

        Assert.Contains("skipped: AWS_ENDPOINT_URL not set", skip.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMPORAL_ADDRESS", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireOrSkip_RemoteEndpoint_SkipsUnlessAllowed()
    {
        var environment = Complete();
        environment["AWS_ENDPOINT_URL"] = "https://s3.example.net";

        var skip = Assert.Throws<SkipException>(() => IntegrationGate.RequireOrSkip(environment));
        Assert.Contains("'https://s3.example.net' is not a loopback address", skip.Message, StringComparison.Ordinal);
        Assert.Contains(IntegrationSettings.AllowRemoteVariable, skip.Message, StringComparison.Ordinal);

        environment[IntegrationSettings.AllowRemoteVariable] = "true";
        Assert.Equal(new Uri("https://s3.example.net"), IntegrationGate.RequireOrSkip(environment).AwsEndpoint);
    }

    [Fact]
    public void RequireOrSkip_MalformedEndpoint_SkipsNamingIt()
    {
        var environment = Complete();
        environment["AWS_ENDPOINT_URL"] = "localhost:5000";

        var skip = Assert.Throws<SkipException>(() => IntegrationGate.RequireOrSkip(environment));

        Assert.Contains(
            "'localhost:5000' is not an absolute http or https URL", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireOrSkip_Complete_GivesSettingsWithDefaults()
    {
        var settings = IntegrationGate.RequireOrSkip(Complete());

        Assert.Equal("127.0.0.1:7233", settings.TemporalAddress);
        Assert.Equal("default", settings.Namespace);
        Assert.Equal("us-east-1", settings.Region);
        Assert.Null(settings.SessionToken);
    }
}
