using System.Text.RegularExpressions;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Maps AWS errors, by error code, to Temporal application failures with stable error types
/// (<c>Aws.&lt;Code&gt;</c>, or <see cref="ErrorTypes.SessionExpired"/> for expired credentials).
/// Permanent errors are non-retryable so a bad request is tried once; throttling, 5xx and timeouts retry.
/// The AWS exception is never attached as the inner exception: its text is not scrubbed and would travel
/// into workflow history.
/// </summary>
public static partial class AwsErrorMapping
{
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "ValidationError", "ValidationException",
        "MalformedPolicyDocument", "InvalidIdentityToken", "IDPRejectedClaim", "InvalidClientTokenId",
        "SignatureDoesNotMatch", "NoSuchEntity", "RegionDisabledException", "PackedPolicyTooLarge",
        "InvalidParameterValue", "InvalidAccessKeyId", "InvalidAction", "MissingAuthenticationToken",
        "UnrecognizedClientException", "LimitExceeded", "NoSuchBucket", "InvalidBucketName",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "SlowDown", "RequestLimitExceeded", "ServiceUnavailable",
        "ServiceUnavailableException", "InternalError", "InternalFailure", "InternalServerError",
        "IDPCommunicationError", "RequestTimeout", "RequestTimeoutException", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "PriorRequestNotComplete", "BandwidthLimitExceeded",
        "EC2ThrottledException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestTimeTooSkewed", "ConcurrentModification",

        // A signature older than 15 minutes: a new request gets a new signature; the session is fine.
        "RequestExpired",
    };

    private static readonly HashSet<string> Expired = new(StringComparer.Ordinal)
    {
        "ExpiredToken", "ExpiredTokenException",
    };

    /// <summary>Whether an AWS error code means the session's credentials have expired.</summary>
    public static bool IsExpiredCode(string? code) => code is not null && Expired.Contains(code);

    /// <summary>Whether an AWS error code means the request was denied by policy.</summary>
    public static bool IsAccessDeniedCode(string? code) => code is "AccessDenied" or "AccessDeniedException";

    /// <summary>
    /// Whether a failure with this code and status should be retried. Unknown 4xx codes are treated as
    /// permanent (retrying an unchanged request rarely helps and hides the fault); unknown 5xx and 429
    /// as transient.
    /// </summary>
    public static bool IsRetryable(string? code, int statusCode)
    {
        if (code is not null)
        {
            if (Expired.Contains(code) || Transient.Contains(code))
            {
                return true;
            }

            if (Permanent.Contains(code))
            {
                return false;
            }
        }

        return statusCode >= 500 || statusCode == 429 || statusCode == 0;
    }

    /// <summary>The stable Temporal error type for an AWS error code.</summary>
    public static string ErrorTypeFor(string? code) => code switch
    {
        _ when IsExpiredCode(code) => ErrorTypes.SessionExpired,
        null or "" => ErrorTypes.AwsPrefix + "Unknown",
        _ => ErrorTypes.AwsPrefix + SafeCode().Replace(code, string.Empty),
    };

    /// <summary>
    /// Maps an error of <paramref name="operation"/> to an application failure. Handles
    /// <see cref="AmazonServiceException"/>, <see cref="AwsServiceError"/>, timeouts and network errors;
    /// anything else becomes a retryable <c>Aws.ClientError</c>. Never call it for an
    /// <see cref="OperationCanceledException"/> of the activity's own token: let that propagate.
    /// </summary>
    /// <param name="operation">Service and action, for example <c>STS AssumeRole</c>.</param>
    public static ApplicationFailureException ToFailure(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ApplicationFailureException failure => failure,
            AmazonServiceException aws => Failure(
                operation, aws.ErrorCode, (int)aws.StatusCode, aws.Message, aws.RequestId),
            AwsServiceError aws => Failure(
                operation, aws.ErrorCode, (int)aws.StatusCode, aws.AwsMessage, aws.RequestId),
            TimeoutException or TaskCanceledException => new ApplicationFailureException(
                $"{operation} failed: timed out: {SecretScrubber.Scrub(exception.Message)}",
                ErrorTypes.AwsPrefix + "Timeout"),
            HttpRequestException http => new ApplicationFailureException(
                $"{operation} failed: network error ({http.HttpRequestError}): " +
                SecretScrubber.Scrub(http.Message),
                ErrorTypes.AwsPrefix + "NetworkError"),
            _ => new ApplicationFailureException(
                $"{operation} failed: {exception.GetType().Name}: {SecretScrubber.Scrub(exception.Message)}",
                ErrorTypes.AwsPrefix + "ClientError"),
        };
    }

    /// <summary>
    /// Whether <see cref="ToFailure"/> should map <paramref name="exception"/>: an AWS answer, a timeout or
    /// a network error, but not the cancellation of <paramref name="cancellationToken"/> itself.
    /// </summary>
    public static bool IsMappable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AwsServiceError or TimeoutException or HttpRequestException => true,
        AmazonClientException => true,
        _ => false,
    };

    /// <summary>Maps a code, status and AWS message as above; the message is scrubbed here.</summary>
    public static ApplicationFailureException Failure(
        string operation, string? code, int statusCode, string? awsMessage, string? requestId = null)
    {
        var shownCode = string.IsNullOrEmpty(code) ? "Unknown" : code;
        var message = $"{operation} failed: {shownCode} (HTTP {statusCode}): {SecretScrubber.Scrub(awsMessage)}";
        if (IsExpiredCode(code))
        {
            message += " The session's credentials expired: assume the role again.";
        }

        var details = string.IsNullOrEmpty(requestId) ? null : new object?[] { $"AWS request id {requestId}" };
        return new ApplicationFailureException(
            message,
            ErrorTypeFor(code),
            nonRetryable: !IsRetryable(code, statusCode),
            details: details);
    }

    /// <summary>The HTTP status of an AWS exception, or 0 when it has none.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        AmazonServiceException aws => (int)aws.StatusCode,
        AwsServiceError aws => (int)aws.StatusCode,
        _ => 0,
    };

    /// <summary>The AWS error code of an exception, or null when it has none.</summary>
    public static string? CodeOf(Exception exception) => exception switch
    {
        AmazonServiceException aws => aws.ErrorCode,
        AwsServiceError aws => aws.ErrorCode,
        _ => null,
    };

    [GeneratedRegex("[^A-Za-z0-9.]", RegexOptions.CultureInvariant)]
    private static partial Regex SafeCode();
}
