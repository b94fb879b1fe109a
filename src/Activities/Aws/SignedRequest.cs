namespace AgentWorkflows.Activities.Aws;

/// <summary>One request for <see cref="SignedAwsHttpClient"/>, before signing.</summary>
/// <param name="Operation">Service and action for errors and logs, for example <c>IAM GetRole</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Endpoint">Scheme, host and port (and an optional base path) of the service.</param>
/// <param name="Path">Path below the endpoint, starting with <c>/</c>.</param>
/// <param name="Region">Signing region.</param>
/// <param name="Service">Signing service name.</param>
/// <param name="Headers">Extra headers to send and sign (not host, date or token; the client adds those).</param>
/// <param name="Body">Body bytes; empty for none.</param>
/// <param name="ContentType">Content type of the body, or null.</param>
/// <param name="SignPayloadHeader">Send <c>x-amz-content-sha256</c> (S3 services require it).</param>
public sealed record SignedRequest(
    string Operation,
    HttpMethod Method,
    Uri Endpoint,
    string Path,
    string Region,
    string Service,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    bool SignPayloadHeader);

/// <summary>A successful answer: status and body text.</summary>
public sealed record SignedResponse(int StatusCode, string Body);
