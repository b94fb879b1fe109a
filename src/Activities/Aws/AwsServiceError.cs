using System.Net;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// An error answer from an AWS service reached through <see cref="SignedAwsHttpClient"/>. It carries
/// only what the service said (code, status, message, request id) and never the request's headers,
/// keys or tokens; the message is scrubbed with <see cref="SecretScrubber"/>.
/// </summary>
public sealed class AwsServiceError : Exception
{
    public AwsServiceError()
        : this("AWS call", "Unknown", 0, string.Empty, null)
    {
    }

    public AwsServiceError(string message)
        : this("AWS call", "Unknown", 0, message, null)
    {
    }

    public AwsServiceError(string message, Exception innerException)
        : base(SecretScrubber.Scrub(message), innerException)
    {
        Operation = "AWS call";
        ErrorCode = "Unknown";
        AwsMessage = SecretScrubber.Scrub(message);
    }

    /// <summary>Creates the error of one failed call.</summary>
    /// <param name="operation">Service and action, for example <c>IAM PutRolePolicy</c>.</param>
    /// <param name="errorCode">The code AWS answered, for example <c>NoSuchEntity</c>.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="awsMessage">The message AWS answered; scrubbed before it is kept.</param>
    /// <param name="requestId">AWS request id, when the answer had one.</param>
    public AwsServiceError(
        string operation, string errorCode, int statusCode, string awsMessage, string? requestId)
        : base(FormatMessage(operation, errorCode, statusCode, awsMessage))
    {
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = (HttpStatusCode)statusCode;
        AwsMessage = SecretScrubber.Scrub(awsMessage);
        RequestId = requestId;
    }

    /// <summary>Service and action that failed.</summary>
    public string Operation { get; }

    /// <summary>AWS error code, for example <c>AccessDenied</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The service's own message, scrubbed.</summary>
    public string AwsMessage { get; }

    /// <summary>AWS request id, when known.</summary>
    public string? RequestId { get; }

    private static string FormatMessage(string operation, string code, int status, string awsMessage) =>
        $"{operation} failed: {code} (HTTP {status}): {SecretScrubber.Scrub(awsMessage)}";
}
