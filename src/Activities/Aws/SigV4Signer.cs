using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// AWS Signature Version 4 over a request described by its parts. Written on the published algorithm
/// (canonical request, string to sign, derived key) with HMAC-SHA256; it uses no SDK internals so the
/// official IAM and S3 Control clients can replace the client built on it without other changes.
/// </summary>
public static class SigV4Signer
{
    /// <summary>The algorithm name in the Authorization header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Hex SHA-256 of an empty payload.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Signs a request and returns the Authorization header value.
    /// </summary>
    /// <param name="method">HTTP method, upper case.</param>
    /// <param name="path">Absolute path, not yet encoded.</param>
    /// <param name="query">Query parameters, not yet encoded.</param>
    /// <param name="headers">
    /// Every header to sign, including <c>host</c> and <c>x-amz-date</c>; names compare case-insensitively.
    /// </param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body.</param>
    /// <param name="accessKeyId">Access key id.</param>
    /// <param name="secretKey">Secret access key.</param>
    /// <param name="region">Signing region.</param>
    /// <param name="service">Signing service name, for example <c>iam</c> or <c>s3</c>.</param>
    /// <param name="timestamp">Request time; must match the x-amz-date header.</param>
    public static string Authorization(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        string accessKeyId,
        string secretKey,
        string region,
        string service,
        DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(secretKey);
        var date = timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var canonical = CanonicalRequest(method, path, query, headers, payloadHash, out var signedHeaders);
        var stringToSign = StringToSign(timestamp, scope, canonical);
        var key = SigningKey(secretKey, date, region, service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The canonical request of SigV4, and the list of signed header names.</summary>
    public static string CanonicalRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        out string signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var canonicalPath = string.Join('/', path.Split('/').Select(UriEncode));
        if (canonicalPath.Length == 0)
        {
            canonicalPath = "/";
        }

        var canonicalQuery = string.Join('&', query
            .Select(p => (Key: UriEncode(p.Key), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

        var canonicalHeaders = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => CollapseSpaces(h.Value)))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));

        var builder = new StringBuilder();
        builder.Append(method).Append('\n')
            .Append(canonicalPath).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The string to sign for a canonical request.</summary>
    public static string StringToSign(DateTimeOffset timestamp, string scope, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return $"{Algorithm}\n{AmzDate(timestamp)}\n{scope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";
    }

    /// <summary>The key derived from the secret for one day, region and service.</summary>
    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    /// <summary>The <c>x-amz-date</c> form of a time: <c>yyyyMMddTHHmmssZ</c> in UTC.</summary>
    public static string AmzDate(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Percent-encodes everything but the RFC 3986 unreserved characters, as SigV4 requires.</summary>
    public static string UriEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string value) =>
        string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
