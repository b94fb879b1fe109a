using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// A small SigV4-signed HTTP client for the AWS APIs that have no SDK package here (IAM and S3 Control).
/// Error answers become <see cref="AwsServiceError"/>, built from the XML error body only, so no request
/// header, key or token can reach an exception. The credentials are resolved per request, so refreshing
/// credentials keep working.
/// </summary>
public sealed class SignedAwsHttpClient
{
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public SignedAwsHttpClient(HttpClient http, AWSCredentials credentials, TimeProvider time, TimeSpan timeout)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _timeout = timeout;
    }

    /// <summary>
    /// Signs and sends <paramref name="request"/>; throws <see cref="AwsServiceError"/> on an error answer.
    /// </summary>
    /// <exception cref="TimeoutException">No answer within the configured request timeout.</exception>
    public async Task<SignedResponse> SendAsync(SignedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keys = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        using var message = Build(request, keys, _time.GetUtcNow());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new SignedResponse(status, body);
            }

            throw ParseError(request.Operation, status, body, RequestIdHeader(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{request.Operation} got no answer within {_timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Builds the signed HTTP message; public for the signer's tests.</summary>
    public static HttpRequestMessage Build(SignedRequest request, ImmutableCredentials keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        var uri = new Uri(request.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + request.Path);
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        var payloadHash = SigV4Signer.HashHex(request.Body.Span);

        var signed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = host,
            ["x-amz-date"] = SigV4Signer.AmzDate(now),
        };
        if (request.SignPayloadHeader)
        {
            signed["x-amz-content-sha256"] = payloadHash;
        }

        if (!string.IsNullOrEmpty(keys.Token))
        {
            signed["x-amz-security-token"] = keys.Token;
        }

        foreach (var (name, value) in request.Headers)
        {
            signed[name] = value;
        }

        var message = new HttpRequestMessage(request.Method, uri);
        if (request.ContentType is not null)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            signed["content-type"] = message.Content.Headers.ContentType.ToString();
        }

        var authorization = SigV4Signer.Authorization(
            request.Method.Method,
            uri.AbsolutePath,
            [],
            signed,
            payloadHash,
            keys.AccessKey,
            keys.SecretKey,
            request.Region,
            request.Service,
            now);

        foreach (var (name, value) in signed)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        return message;
    }

    /// <summary>
    /// Reads the AWS XML error body (query and REST-XML forms) into an <see cref="AwsServiceError"/>.
    /// </summary>
    public static AwsServiceError ParseError(string operation, int status, string body, string? headerRequestId)
    {
        string? code = null;
        string? text = null;
        string? requestId = null;
        try
        {
            var document = XDocument.Parse(body);
            code = First(document, "Code");
            text = First(document, "Message");
            requestId = First(document, "RequestId");
        }
        catch (XmlException)
        {
            // Not XML (a proxy page, an empty 5xx): the status decides below.
        }

        code ??= status switch
        {
            >= 500 => "ServiceUnavailable",
            429 => "Throttling",
            403 => "AccessDenied",
            404 => "NotFound",
            _ => $"Http{status}",
        };
        text ??= "the answer carried no error message";
        return new AwsServiceError(operation, code, status, text, requestId ?? headerRequestId);
    }

    private static string? First(XDocument document, string localName) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName && !e.HasElements)?.Value;

    private static string? RequestIdHeader(HttpResponseMessage response)
    {
        foreach (var name in new[] { "x-amzn-RequestId", "x-amz-request-id" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }
}
