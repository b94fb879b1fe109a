using System.Net;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

public sealed class AwsErrorMappingTests
{
    public static TheoryData<string, int, string, bool> Table => new()
    {
        // code, status, expected error type, expected retryable
        { "AccessDenied", 403, "Aws.AccessDenied", false },
        { "AccessDeniedException", 403, "Aws.AccessDeniedException", false },
        { "ValidationError", 400, "Aws.ValidationError", false },
        { "MalformedPolicyDocument", 400, "Aws.MalformedPolicyDocument", false },
        { "InvalidIdentityToken", 400, "Aws.InvalidIdentityToken", false },
        { "IDPRejectedClaim", 403, "Aws.IDPRejectedClaim", false },
        { "InvalidClientTokenId", 403, "Aws.InvalidClientTokenId", false },
        { "SignatureDoesNotMatch", 403, "Aws.SignatureDoesNotMatch", false },
        { "NoSuchEntity", 404, "Aws.NoSuchEntity", false },
        { "RegionDisabledException", 403, "Aws.RegionDisabledException", false },
        { "PackedPolicyTooLarge", 400, "Aws.PackedPolicyTooLarge", false },
        { "InvalidParameterValue", 400, "Aws.InvalidParameterValue", false },
        { "LimitExceeded", 409, "Aws.LimitExceeded", false },
        { "Throttling", 400, "Aws.Throttling", true },
        { "ThrottlingException", 400, "Aws.ThrottlingException", true },
        { "SlowDown", 503, "Aws.SlowDown", true },
        { "RequestLimitExceeded", 400, "Aws.RequestLimitExceeded", true },
        { "ServiceUnavailable", 503, "Aws.ServiceUnavailable", true },
        { "InternalError", 500, "Aws.InternalError", true },
        { "IDPCommunicationError", 400, "Aws.IDPCommunicationError", true },
        { "SomethingNew", 502, "Aws.SomethingNew", true },
        { "SomethingNew", 400, "Aws.SomethingNew", false },
        { "ExpiredToken", 400, ErrorTypes.SessionExpired, true },
        { "ExpiredTokenException", 400, ErrorTypes.SessionExpired, true },
        { "RequestExpired", 400, "Aws.RequestExpired", true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ToFailure_AwsServiceError_MapsByCode(string code, int status, string errorType, bool retryable)
    {
        var error = new AwsServiceError("IAM PutRolePolicy", code, status, "it went wrong", "req-1");

        var failure = AwsErrorMapping.ToFailure("IAM PutRolePolicy", error);

        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(!retryable, failure.NonRetryable);
        Assert.StartsWith($"IAM PutRolePolicy failed: {code} (HTTP {status}): it went wrong", failure.Message);
        Assert.Null(failure.InnerException);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void ToFailure_SdkException_MapsLikeTheSignedClient(
        string code, int status, string errorType, bool retryable)
    {
        var exception = new AmazonSecurityTokenServiceException(
            "it went wrong", ErrorType.Sender, code, "req-2", (HttpStatusCode)status);

        var failure = AwsErrorMapping.ToFailure("STS AssumeRole", exception);

        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(!retryable, failure.NonRetryable);
        Assert.StartsWith($"STS AssumeRole failed: {code} (HTTP {status}): it went wrong", failure.Message);
    }

    [Fact]
    public void ToFailure_MessageWithKeysAndToken_ScrubsThem()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        var token = "IQoJb3JpZ2luX2VjE" + new string('x', 200);
        var exception = new AmazonSecurityTokenServiceException(
            $"key ASIAQWERTYUIOPASDFGH secret {secret} token {token}",
            ErrorType.Sender, "InvalidClientTokenId", "req", HttpStatusCode.Forbidden);

        var failure = AwsErrorMapping.ToFailure("STS GetCallerIdentity", exception);

        Assert.DoesNotContain("ASIAQWERTYUIOPASDFGH", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IQoJb3JpZ2luX2VjE", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFailure_Timeout_IsRetryableTimeout()
    {
        var failure = AwsErrorMapping.ToFailure("IAM GetRole", new TimeoutException("no answer"));

        Assert.Equal("Aws.Timeout", failure.ErrorType);
        Assert.False(failure.NonRetryable);
    }

    [Fact]
    public void IsMappable_OwnCancellation_IsNotMapped()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.False(AwsErrorMapping.IsMappable(new OperationCanceledException(source.Token), source.Token));
        Assert.True(AwsErrorMapping.IsMappable(new TaskCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void Failure_WithRequestId_CarriesItAsDetail()
    {
        var failure = AwsErrorMapping.Failure("IAM GetRole", "NoSuchEntity", 404, "no role", "req-42");

        Assert.Equal("AWS request id req-42", failure.Details.ElementAt<string>(0));
    }
}
