namespace AgentWorkflows.AwsFake.Internal;

/// <summary>The parts of an <c>AWS4-HMAC-SHA256</c> Authorization header.</summary>
internal sealed record ParsedAuthorization(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>Parses the header; null when it is absent or not SigV4 at all.</summary>
    public static ParsedAuthorization? TryParse(string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[part[..eq]] = part[(eq + 1)..];
            }
        }

        if (!fields.TryGetValue("Credential", out var credential) ||
            !fields.TryGetValue("SignedHeaders", out var signedHeaders) ||
            !fields.TryGetValue("Signature", out var signature))
        {
            return null;
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope[1].Length != 8)
        {
            return null;
        }

        return new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3],
            signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries), signature);
    }
}
