using AgentWorkflows.Activities.Aws;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

public sealed class AwsOptionsValidatorTests
{
    [Fact]
    public void Check_Defaults_AreValid()
    {
        Assert.Empty(AwsOptionsValidator.Check(new AwsOptions()));
    }

    [Fact]
    public void Check_EmulatorEndpointsAndKey_AreValid()
    {
        var endpoint = new Uri("http://127.0.0.1:4566");
        var options = new AwsOptions
        {
            Region = "eu-west-1",
            StsEndpoint = endpoint,
            IamEndpoint = endpoint,
            S3Endpoint = endpoint,
            S3ControlEndpoint = endpoint,
            S3ForcePathStyle = true,
            SealingKey = Convert.ToBase64String(new byte[32]),
        };

        Assert.Empty(AwsOptionsValidator.Check(options));
    }

    private static readonly Dictionary<string, AwsOptions> InvalidCases = new()
    {
        ["region"] = new AwsOptions { Region = "US East" },
        ["endpoint"] = new AwsOptions { StsEndpoint = new Uri("ftp://127.0.0.1") },
        ["short key"] = new AwsOptions { SealingKey = Convert.ToBase64String(new byte[16]) },
        ["not base64"] = new AwsOptions { SealingKey = "not base64!" },
        ["timeout"] = new AwsOptions { RequestTimeout = TimeSpan.Zero },
        ["retries"] = new AwsOptions { MaxSdkRetries = -1 },
    };

    [Theory]
    [InlineData("region", "Aws:Region 'US East' (AWS_REGION or AWS_DEFAULT_REGION)")]
    [InlineData("endpoint", "Aws:StsEndpoint 'ftp://127.0.0.1/' (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_STS)")]
    [InlineData("short key", "Aws:SealingKey (AGENTWORKFLOWS_SEALING_KEY) must be base64 of exactly 32")]
    [InlineData("not base64", "Aws:SealingKey")]
    [InlineData("timeout", "Aws:RequestTimeout 00:00:00")]
    [InlineData("retries", "Aws:MaxSdkRetries -1")]
    public void Check_BadValue_NamesTheValueAndRule(string caseName, string expected)
    {
        var errors = AwsOptionsValidator.Check(InvalidCases[caseName]);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BadSealingKey_NeverShowsTheKey()
    {
        var errors = AwsOptionsValidator.Check(new AwsOptions { SealingKey = "c2VjcmV0LWtleS10b28tc2hvcnQ=" });

        Assert.DoesNotContain(errors, e => e.Contains("c2VjcmV0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://KEY:PW123@127.0.0.1:5000", "http://127.0.0.1:5000/", "no user info")]
    [InlineData("http://127.0.0.1:5000/x?X-Amz-Signature=PW123", "http://127.0.0.1:5000/x", "no query")]
    [InlineData("http://127.0.0.1:5000/#PW123", "http://127.0.0.1:5000/", "no query and no fragment")]
    [InlineData("key:PW123@127.0.0.1:5000", "key:", "absolute http or https")]
    public void Check_EndpointWithUserInfoOrQuery_ShowsItWithoutThem(string endpoint, string shown, string rule)
    {
        var options = new AwsOptions { S3Endpoint = new Uri(endpoint, UriKind.RelativeOrAbsolute) };

        var error = Assert.Single(AwsOptionsValidator.Check(options));

        Assert.DoesNotContain("PW123", error, StringComparison.Ordinal);
        Assert.Contains($"Aws:S3Endpoint '{shown}", error, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL_S3", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowEndpoint_RelativeValueWithUserInfo_HidesTheValue()
    {
        var shown = AwsOptionsValidator.ShowEndpoint(new Uri("PW123@host/x", UriKind.Relative));

        Assert.DoesNotContain("PW123", shown, StringComparison.Ordinal);
    }
}
