namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>
/// The skip reasons, checked everywhere so a machine without a server still proves them. They test
/// <see cref="IntegrationSettings.Read"/>, whose reason <see cref="IntegrationGate"/> hands to
/// <c>Assert.Skip</c>: xunit marks a test skipped as soon as Assert.Skip runs, even inside Assert.Throws.
/// </summary>
public sealed class IntegrationGateTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
        ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLEEXAMPLE00",
        ["AWS_SECRET_ACCESS_KEY"] = "example-secret",
    };

    private static string SkipReason(Dictionary<string, string?> environment)
    {
        var (settings, reason) = IntegrationSettings.Read(environment);
        Assert.Null(settings);
        return Assert.IsType<string>(reason);
    }

    [Fact]
    public void Read_NothingSet_SkipsNamingEveryVariableAndTheReadme()
    {
        var skip = SkipReason(new Dictionary<string, string?>());

        Assert.Contains(
            "TEMPORAL_ADDRESS, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY not set", skip,
            StringComparison.Ordinal);
        Assert.Contains("docker compose up -d --build", skip, StringComparison.Ordinal);
        Assert.Contains("README.md", skip, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OneMissing_NamesOnlyThatOne()
    {
        var environment = Complete();
        environment.Remove("AWS_ENDPOINT_URL");

        var skip = SkipReason(environment);

        Assert.Contains("skipped: AWS_ENDPOINT_URL not set", skip, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMPORAL_ADDRESS", skip, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RemoteEndpoint_SkipsUnlessAllowed()
    {
        var environment = Complete();
        environment["AWS_ENDPOINT_URL"] = "https://s3.example.net";

        var skip = SkipReason(environment);
        Assert.Contains("'https://s3.example.net' is not a loopback address", skip, StringComparison.Ordinal);
        Assert.Contains(IntegrationSettings.AllowRemoteVariable, skip, StringComparison.Ordinal);

        environment[IntegrationSettings.AllowRemoteVariable] = "true";
        var (settings, reason) = IntegrationSettings.Read(environment);
        Assert.Null(reason);
        Assert.Equal(new Uri("https://s3.example.net"), settings?.AwsEndpoint);
    }

    [Fact]
    public void Read_MalformedEndpoint_SkipsNamingIt()
    {
        var environment = Complete();
        environment["AWS_ENDPOINT_URL"] = "localhost:5000";

        var skip = SkipReason(environment);

        Assert.Contains(
            "'localhost:5000' is not an absolute http or https URL", skip, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Complete_GivesSettingsWithDefaults()
    {
        var settings = IntegrationGate.RequireOrSkip(Complete());

        Assert.Equal("127.0.0.1:7233", settings.TemporalAddress);
        Assert.Equal("default", settings.Namespace);
        Assert.Equal("us-east-1", settings.Region);
        Assert.Null(settings.SessionToken);
    }

    [Theory]
    [InlineData("http://admin:PW123@10.0.0.5:5000", "'http://10.0.0.5:5000/' is not a loopback")]
    [InlineData("http://10.0.0.5:5000/?token=PW123", "'http://10.0.0.5:5000/' is not a loopback")]
    [InlineData("admin:PW123@10.0.0.5", "AWS_ENDPOINT_URL 'admin:(rest hidden")]
    public void Read_EndpointWithPasswordOrToken_SkipReasonHidesThem(string endpoint, string expected)
    {
        var environment = Complete();
        environment["AWS_ENDPOINT_URL"] = endpoint;

        var skip = SkipReason(environment);

        Assert.DoesNotContain("PW123", skip, StringComparison.Ordinal);
        Assert.Contains(expected, skip, StringComparison.Ordinal);
    }
}
