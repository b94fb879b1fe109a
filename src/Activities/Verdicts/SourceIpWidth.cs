using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// The <c>aws:SourceIp</c> width rule of "The meaning of public": a range pins a grant when it is no
/// broader than /8 (IPv4) or /32 (IPv6). RFC 1918 private ranges are allowed; all of them are /8 or
/// narrower, so a range inside one always pins, and a range that also covers public space (10.0.0.0/7)
/// is judged by its width like any other. The exception is IPv4 only: IPv6 unique-local space
/// (fc00::/7) is judged by the IPv6 width. IPv4-mapped IPv6 ranges are judged as the IPv4 range they
/// map. A value that is not a valid address or CIDR never pins.
/// </summary>
internal static class SourceIpWidth
{
    private const int NarrowestBroadIpv4Prefix = 8;
    private const int NarrowestBroadIpv6Prefix = 32;
    private const int MappedIpv4Offset = 96;

    public static bool IsPinning(string value)
    {
        if (!TryParseCidr(value, out var address, out var prefix))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
        {
            if (prefix < MappedIpv4Offset)
            {
                return false;
            }

            address = address.MapToIPv4();
            prefix -= MappedIpv4Offset;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return prefix >= NarrowestBroadIpv4Prefix || IsInsideRfc1918(address, prefix);
        }

        return prefix >= NarrowestBroadIpv6Prefix;
    }

    private static bool TryParseCidr(string value, out IPAddress address, out int prefix)
    {
        var text = value.AsSpan().Trim();
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var parsed) || IsShortIpv4Form(parsed, addressText))
        {
            address = IPAddress.None;
            prefix = 0;
            return false;
        }

        address = parsed;
        var maxPrefix = parsed.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            prefix = maxPrefix;
            return true;
        }

        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
            && prefix <= maxPrefix;
    }

    // IPAddress.TryParse accepts "10" or "10.1" as IPv4; IAM wants a dotted quad, so those never pin.
    private static bool IsShortIpv4Form(IPAddress parsed, ReadOnlySpan<char> text) =>
        parsed.AddressFamily == AddressFamily.InterNetwork && text.Count('.') != 3;

    private static bool IsInsideRfc1918(IPAddress address, int prefix)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        return (bytes[0] == 10 && prefix >= 8)
            || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16 && prefix >= 12)
            || (bytes[0] == 192 && bytes[1] == 168 && prefix >= 16);
    }
}
