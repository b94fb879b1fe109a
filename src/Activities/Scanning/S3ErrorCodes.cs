using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>The S3 error codes the scan tells apart.</summary>
internal static partial class S3ErrorCodes
{
    public const string NoSuchBucketPolicy = "NoSuchBucketPolicy";
    public const string NoSuchPublicAccessBlock = "NoSuchPublicAccessBlockConfiguration";
    public const string NoOwnershipControls = "OwnershipControlsNotFoundError";
    public const string BucketRegionHeader = "x-amz-bucket-region";

    private static readonly HashSet<string> SessionCodes = new(StringComparer.Ordinal)
    {
        "ExpiredToken", "ExpiredTokenException", "InvalidToken", "TokenRefreshRequired",
    };

    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
    };

    /// <summary>The session's token expired or is no longer valid: a fresh session is needed.</summary>
    public static bool IsSessionExpired(AmazonServiceException error) =>
        error.ErrorCode is { } code && SessionCodes.Contains(code);

    /// <summary>S3 asks the caller to slow down.</summary>
    public static bool IsThrottled(AmazonServiceException error) =>
        (error.ErrorCode is { } code && ThrottleCodes.Contains(code))
        || error.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;

    /// <summary>S3 answered 301: the bucket lives in another region.</summary>
    public static bool IsRedirect(AmazonServiceException error) =>
        error.StatusCode == HttpStatusCode.MovedPermanently || error.ErrorCode == "PermanentRedirect";

    /// <summary>A 403 that is about permissions (not about the session being gone).</summary>
    public static bool IsDenied(AmazonServiceException error) =>
        error.StatusCode == HttpStatusCode.Forbidden && !IsSessionExpired(error);

    /// <summary>
    /// The region a 301 points to: the <c>x-amz-bucket-region</c> header of the answer (the SDK keeps it
    /// on the raw HTTP error it wraps), else the regional endpoint the error body names.
    /// </summary>
    public static string? RedirectRegion(AmazonServiceException error)
    {
        if (error.InnerException is HttpErrorResponseException { Response: { } response }
            && response.IsHeaderPresent(BucketRegionHeader)
            && response.GetHeaderValue(BucketRegionHeader) is { Length: > 0 } header)
        {
            return header;
        }

        var body = (error as AmazonS3Exception)?.ResponseBody;
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        var endpoint = RegionalEndpoint().Match(body);
        return endpoint.Success ? endpoint.Groups[1].Value : null;
    }

    /// <summary>A short, secret-free description: error code and HTTP status.</summary>
    public static string Describe(AmazonServiceException error) =>
        $"{error.ErrorCode ?? "UnknownError"} (HTTP {(int)error.StatusCode})";

    [GeneratedRegex(@"<Endpoint>[^<]*?s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex RegionalEndpoint();
}
