using Microsoft.AspNetCore.Http;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>A request as the handlers see it: raw path and query, body, and (once verified) the caller.</summary>
internal sealed class IncomingRequest
{
    public required HttpContext Http { get; init; }

    public required string Method { get; init; }

    /// <summary>Path exactly as sent (still percent-encoded).</summary>
    public required string RawPath { get; init; }

    public required List<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>The body; for aws-chunked uploads, the decoded payload once authentication ran.</summary>
    public required byte[] Body { get; set; }

    /// <summary>Parameters of a query-protocol call (form body or URL query), names case-sensitive.</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public Caller? Caller { get; set; }

    /// <summary>Region of the signature's credential scope.</summary>
    public string Region { get; set; } = "us-east-1";

    public Caller RequiredCaller => Caller ?? throw new InvalidOperationException("The request was not authenticated.");

    public string? Header(string name) =>
        Http.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public bool HasQuery(string name) => Query.Any(p => string.Equals(p.Key, name, StringComparison.Ordinal));

    public string? QueryValue(string name) =>
        Query.Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value).FirstOrDefault();

    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);
}

/// <summary>What a request asks for: service, operation, the IAM action it needs and its target.</summary>
internal sealed record OperationInfo(
    string Service, string Action, string IamAction, string? Bucket = null, string? Key = null);

/// <summary>A response to write.</summary>
internal sealed class FakeResponse(int status, string? contentType, byte[] body)
{
    public int Status { get; } = status;

    public string? ContentType { get; } = contentType;

    public byte[] Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The AWS error code when this response is an error.</summary>
    public string? ErrorCode { get; set; }

    public static FakeResponse Xml(string xml, int status = 200) =>
        new(status, "application/xml", System.Text.Encoding.UTF8.GetBytes(xml));

    public FakeResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
