using System.Text;
using AgentWorkflows.Activities.Aws;
using Amazon.Runtime;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

// Vectors reconstructed from AWS's published SigV4 examples (the signature test suite's get-vanilla,
// the IAM ListUsers walk-through and the S3 GET object example).
public sealed class SigV4SignerTests
{
    private const string SuiteKeyId = "AKIDEXAMPLE";
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Authorization_GetVanillaVector_MatchesPublishedSignature()
    {
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
        };

        var authorization = SigV4Signer.Authorization(
            "GET", "/", [], headers, SigV4Signer.EmptyPayloadHash, SuiteKeyId, SuiteSecret,
            "us-east-1", "service", SuiteTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
            "SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            authorization);
    }

    [Fact]
    public void SigningKey_IamExample_MatchesPublishedKey()
    {
        var key = SigV4Signer.SigningKey(SuiteSecret, "20150830", "us-east-1", "iam");

        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Authorization_IamListUsersExample_MatchesPublishedCanonicalHashAndSignature()
    {
        var query = new Dictionary<string, string> { ["Version"] = "2010-05-08", ["Action"] = "ListUsers" };
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["Host"] = "iam.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
        };

        var canonical = SigV4Signer.CanonicalRequest(
            "GET", "/", query, headers, SigV4Signer.EmptyPayloadHash, out var signedHeaders);
        var authorization = SigV4Signer.Authorization(
            "GET", "/", query, headers, SigV4Signer.EmptyPayloadHash, SuiteKeyId, SuiteSecret,
            "us-east-1", "iam", SuiteTime);

        Assert.Equal("content-type;host;x-amz-date", signedHeaders);
        Assert.Equal(
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            SigV4Signer.HashHex(Encoding.UTF8.GetBytes(canonical)));
        Assert.EndsWith("Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", authorization);
    }

    [Fact]
    public void Authorization_S3GetObjectExample_MatchesPublishedStringToSignAndSignature()
    {
        var time = new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["Range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = SigV4Signer.EmptyPayloadHash,
            ["x-amz-date"] = "20130524T000000Z",
        };

        var canonical = SigV4Signer.CanonicalRequest(
            "GET", "/test.txt", [], headers, SigV4Signer.EmptyPayloadHash, out _);
        var stringToSign = SigV4Signer.StringToSign(time, "20130524/us-east-1/s3/aws4_request", canonical);
        var authorization = SigV4Signer.Authorization(
            "GET", "/test.txt", [], headers, SigV4Signer.EmptyPayloadHash, "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3", time);

        Assert.EndsWith("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", stringToSign);
        Assert.EndsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", authorization);
    }

    [Theory]
    [InlineData("abc-_.~", "abc-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("{\"Effect\":\"Deny\"}", "%7B%22Effect%22%3A%22Deny%22%7D")]
    [InlineData("é/", "%C3%A9%2F")]
    public void UriEncode_ReservedAndUnicode_PercentEncodesUpperHex(string input, string expected)
    {
        Assert.Equal(expected, SigV4Signer.UriEncode(input));
    }

    [Fact]
    public void Build_SessionCredentials_SignsTokenAndPortButNeverPutsSecretInHeaders()
    {
        var keys = new ImmutableCredentials("ASIAEXAMPLEEXAMPLE12", SuiteSecret, "token-value");
        var request = new SignedRequest(
            "S3Control GetPublicAccessBlock", HttpMethod.Get, new Uri("http://127.0.0.1:4566"),
            "/v20180820/configuration/publicAccessBlock", "us-east-1", "s3",
            new Dictionary<string, string> { ["x-amz-account-id"] = "111122223333" },
            ReadOnlyMemory<byte>.Empty, null, SignPayloadHeader: true);

        using var message = SignedAwsHttpClient.Build(request, keys, SuiteTime);

        var all = string.Join('\n', message.Headers.Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
        Assert.Equal("127.0.0.1:4566", message.Headers.Host);
        Assert.Contains("SignedHeaders=host;x-amz-account-id;x-amz-content-sha256;x-amz-date;x-amz-security-token",
            all, StringComparison.Ordinal);
        Assert.DoesNotContain(SuiteSecret, all, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:4566/v20180820/configuration/publicAccessBlock", message.RequestUri!.ToString());
    }
}
