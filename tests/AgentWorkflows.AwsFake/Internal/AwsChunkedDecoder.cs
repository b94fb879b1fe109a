using System.Globalization;
using System.Text;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>
/// Decodes <c>Content-Encoding: aws-chunked</c> bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] and
/// STREAMING-UNSIGNED-PAYLOAD-TRAILER), checking every chunk signature and the trailer signature
/// chained from the seed signature.
/// </summary>
internal sealed class AwsChunkedDecoder(byte[] signingKey, string amzDate, string scope, string seedSignature)
{
    private string _previous = seedSignature;

    public Dictionary<string, string> Trailers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Decode(byte[] raw, bool signedChunks)
    {
        var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var header = ReadLine(raw, ref position);
            var semicolon = header.IndexOf(';', StringComparison.Ordinal);
            var sizeText = semicolon < 0 ? header : header[..semicolon];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) ||
                size < 0 || position + size > raw.Length)
            {
                throw Malformed($"chunk size '{sizeText}' is not valid hex within the body");
            }

            var chunk = raw.AsSpan(position, size);
            position += size;
            if (signedChunks)
            {
                VerifyChunk(header, semicolon, chunk);
            }

            if (size == 0)
            {
                break;
            }

            output.Write(chunk);
            if (ReadLine(raw, ref position).Length != 0)
            {
                throw Malformed("chunk data is not followed by CRLF");
            }
        }

        ReadTrailers(raw, ref position, signedChunks);
        return output.ToArray();
    }

    private void VerifyChunk(string header, int semicolon, ReadOnlySpan<byte> chunk)
    {
        const string marker = "chunk-signature=";
        var extension = semicolon < 0 ? string.Empty : header[(semicolon + 1)..];
        if (!extension.StartsWith(marker, StringComparison.Ordinal))
        {
            throw Malformed("a chunk of a signed stream has no chunk-signature");
        }

        var given = extension[marker.Length..];
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, _previous,
            SigV4.EmptySha256, SigV4.Sha256Hex(chunk));
        var expected = SigV4.Sign(signingKey, stringToSign);
        if (!SigV4.SignaturesEqual(expected, given))
        {
            throw new AwsErrorException(403, "SignatureDoesNotMatch",
                "The chunk signature we calculated does not match the chunk-signature you provided.");
        }

        _previous = given;
    }

    private void ReadTrailers(byte[] raw, ref int position, bool signedChunks)
    {
        var canonical = new StringBuilder();
        string? trailerSignature = null;
        while (position < raw.Length)
        {
            var line = ReadLine(raw, ref position);
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Malformed($"trailer line without a colon");
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
                continue;
            }

            Trailers[name] = value;
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        if (!signedChunks || Trailers.Count == 0)
        {
            return;
        }

        if (trailerSignature is null)
        {
            throw Malformed("signed trailers carry no x-amz-trailer-signature");
        }

        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256-TRAILER", amzDate, scope, _previous,
            SigV4.Sha256Hex(canonical.ToString()));
        if (!SigV4.SignaturesEqual(SigV4.Sign(signingKey, stringToSign), trailerSignature))
        {
            throw new AwsErrorException(403, "SignatureDoesNotMatch",
                "The trailer signature we calculated does not match the x-amz-trailer-signature you provided.");
        }
    }

    private static string ReadLine(byte[] raw, ref int position)
    {
        var end = raw.AsSpan(position).IndexOf("\r\n"u8);
        if (end < 0)
        {
            throw Malformed("the body ends inside a chunk header");
        }

        var line = Encoding.ASCII.GetString(raw, position, end);
        position += end + 2;
        return line;
    }

    private static AwsErrorException Malformed(string reason) =>
        new(400, "IncompleteBody", $"The aws-chunked body is malformed: {reason}.");
}
