using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>The flexible checksums S3 clients send (x-amz-checksum-*), as base64 of their big-endian value.</summary>
internal static class Checksums
{
    private static readonly uint[] Crc32Table = BuildTable(0xEDB88320u);
    private static readonly uint[] Crc32CTable = BuildTable(0x82F63B78u);

    /// <summary>Base64 checksum of the content by header name, or null when the algorithm is not known here.</summary>
    public static string? Compute(string headerName, ReadOnlySpan<byte> content)
    {
        byte[]? digest = headerName.ToLowerInvariant() switch
        {
            "x-amz-checksum-crc32" => BigEndian(Crc(Crc32Table, content)),
            "x-amz-checksum-crc32c" => BigEndian(Crc(Crc32CTable, content)),
#pragma warning disable CA5350 // SHA-1 is one of the integrity checksums S3 defines; no security use here.
            "x-amz-checksum-sha1" => SHA1.HashData(content),
#pragma warning restore CA5350
            "x-amz-checksum-sha256" => SHA256.HashData(content),
            _ => null,
        };
        return digest is null ? null : Convert.ToBase64String(digest);
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Crc(uint[] table, ReadOnlySpan<byte> content)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in content)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable(uint polynomial)
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ polynomial : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
