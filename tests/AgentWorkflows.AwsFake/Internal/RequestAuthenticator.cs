using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>
/// Verifies SigV4 for real: resolves the key, checks the session token, rebuilds the canonical request,
/// compares signatures, checks session expiry on the fake clock and decodes aws-chunked bodies.
/// </summary>
internal static class RequestAuthenticator
{
    private const string ContentShaHeader = "x-amz-content-sha256";

    public static void Authenticate(
        FakeAwsState state, IncomingRequest request, ParsedAuthorization? auth, ErrorStyle style)
    {
        var s3 = style != ErrorStyle.Query;
        if (auth is null)
        {
            throw MissingAuthentication(request, s3);
        }

        var amzDate = AmzDate(request)
            ?? throw Malformed(s3, "The request has neither an X-Amz-Date nor a Date header.");
        if (!amzDate.StartsWith(auth.Date, StringComparison.Ordinal))
        {
            throw Malformed(s3, $"Credential scope date {auth.Date} does not match the request date {amzDate[..8]}.");
        }

        var resolved = state.ResolveAccessKey(auth.AccessKeyId) ?? throw UnknownKey(s3);
        CheckSecurityToken(request, resolved.Caller, s3);

        var payloadHash = PayloadHash(request, s3);
        var canonicalRequest = CanonicalRequest(request, auth, payloadHash, s3);
        var stringToSign = string.Join('\n', SigV4.Algorithm, amzDate, auth.Scope, SigV4.Sha256Hex(canonicalRequest));
        var signingKey = SigV4.SigningKey(resolved.Secret, auth.Date, auth.Region, auth.Service);
        if (!SigV4.SignaturesEqual(SigV4.Sign(signingKey, stringToSign), auth.Signature))
        {
            throw new AwsErrorException(403, "SignatureDoesNotMatch", s3
                ? "The request signature we calculated does not match the signature you provided. " +
                    "Check your key and signing method."
                : "The request signature we calculated does not match the signature you provided. " +
                    "Check your AWS Secret Access Key and signing method. " +
                    "Consult the service documentation for details.");
        }

        request.Caller = resolved.Caller;
        request.Region = auth.Region;
        if (resolved.Caller.Session is { } session && state.Now >= session.Expiration)
        {
            throw new AwsErrorException(400, "ExpiredToken", s3
                ? "The provided token has expired."
                : "The security token included in the request is expired");
        }

        if (payloadHash.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            var decoder = new AwsChunkedDecoder(signingKey, amzDate, auth.Scope, auth.Signature);
            DecodeStreamingBody(request, payloadHash, decoder);
        }
        else
        {
            VerifyChecksumHeaders(request, request.Body, null);
        }
    }

    private static string? AmzDate(IncomingRequest request)
    {
        var amzDate = request.Header("x-amz-date");
        if (!string.IsNullOrEmpty(amzDate))
        {
            return amzDate;
        }

        var date = request.Header("Date");
        var styles = DateTimeStyles.AssumeUniversal;
        return DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, styles, out var parsed)
            ? parsed.UtcDateTime.ToString(SigV4.AmzDateFormat, CultureInfo.InvariantCulture)
            : null;
    }

    private static void CheckSecurityToken(IncomingRequest request, Caller caller, bool s3)
    {
        var given = request.Header("x-amz-security-token");
        var valid = caller.Session is { } session
            ? given is not null && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(session.Token))
            : string.IsNullOrEmpty(given);
        if (!valid)
        {
            throw s3
                ? new AwsErrorException(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")
                : new AwsErrorException(403, "InvalidClientTokenId",
                    "The security token included in the request is invalid.");
        }
    }

    private static string PayloadHash(IncomingRequest request, bool s3)
    {
        var declared = request.Header(ContentShaHeader);
        var actual = SigV4.Sha256Hex(request.Body);
        if (!s3)
        {
            return actual;
        }

        if (string.IsNullOrEmpty(declared))
        {
            throw new AwsErrorException(400, "InvalidRequest",
                "Missing required header for this request: x-amz-content-sha256");
        }

        if (declared == "UNSIGNED-PAYLOAD" || declared.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            return declared;
        }

        if (!string.Equals(declared, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new AwsErrorException(400, "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .WithDetail("ClientComputedContentSHA256", declared)
                .WithDetail("S3ComputedContentSHA256", actual);
        }

        return declared;
    }

    private static string CanonicalRequest(
        IncomingRequest request, ParsedAuthorization auth, string payloadHash, bool s3)
    {
        var headers = new StringBuilder();
        foreach (var name in auth.SignedHeaders)
        {
            var values = request.Http.Request.Headers.TryGetValue(name, out var found) ? found.ToArray() : [];
            headers.Append(name.ToLowerInvariant()).Append(':').Append(SigV4.CanonicalHeaderValue(values)).Append('\n');
        }

        return string.Join('\n',
            request.Method,
            SigV4.CanonicalUri(request.RawPath, s3),
            SigV4.CanonicalQuery(request.Query),
            headers.ToString(),
            string.Join(';', auth.SignedHeaders),
            payloadHash);
    }

    private static void DecodeStreamingBody(IncomingRequest request, string payloadHash, AwsChunkedDecoder decoder)
    {
        var signed = payloadHash.StartsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", StringComparison.Ordinal);
        if (!signed && payloadHash != "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
        {
            throw new AwsErrorException(400, "InvalidArgument",
                $"x-amz-content-sha256 '{payloadHash}' is not a streaming mode this fake supports.");
        }

        var decoded = decoder.Decode(request.Body, signed);
        var declaredLength = request.Header("x-amz-decoded-content-length");
        if (declaredLength is not null &&
            (!long.TryParse(declaredLength, CultureInfo.InvariantCulture, out var length) || length != decoded.Length))
        {
            throw new AwsErrorException(400, "IncompleteBody",
                $"x-amz-decoded-content-length {declaredLength} does not match the {decoded.Length} decoded bytes.");
        }

        VerifyChecksumHeaders(request, decoded, decoder.Trailers);
        request.Body = decoded;
    }

    private static void VerifyChecksumHeaders(
        IncomingRequest request, byte[] content, Dictionary<string, string>? trailers)
    {
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Http.Request.Headers)
        {
            if (name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase) &&
                !name.Equals("x-amz-checksum-mode", StringComparison.OrdinalIgnoreCase) &&
                !name.Equals("x-amz-checksum-type", StringComparison.OrdinalIgnoreCase))
            {
                given[name] = values.ToString();
            }
        }

        foreach (var (name, value) in trailers ?? [])
        {
            given[name] = value;
        }

        foreach (var (name, value) in given)
        {
            var computed = Checksums.Compute(name, content);
            if (computed is not null && computed != value)
            {
                var algorithm = name["x-amz-checksum-".Length..].ToUpperInvariant();
                throw new AwsErrorException(400, "BadDigest",
                    $"The {algorithm} you specified did not match the calculated checksum.");
            }
        }
    }

    private static AwsErrorException MissingAuthentication(IncomingRequest request, bool s3)
    {
        if (s3)
        {
            return new AwsErrorException(403, "AccessDenied", "Access Denied");
        }

        return request.Http.Request.Headers.ContainsKey("Authorization")
            ? new AwsErrorException(400, "IncompleteSignature",
                "The Authorization header is not a valid AWS4-HMAC-SHA256 header " +
                "with Credential, SignedHeaders and Signature.")
            : new AwsErrorException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    private static AwsErrorException Malformed(bool s3, string message) => s3
        ? new AwsErrorException(400, "AuthorizationHeaderMalformed", message)
        : new AwsErrorException(400, "IncompleteSignature", message);

    private static AwsErrorException UnknownKey(bool s3) => s3
        ? new AwsErrorException(403, "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.")
        : new AwsErrorException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
}
