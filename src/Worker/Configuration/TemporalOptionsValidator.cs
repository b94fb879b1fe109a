using System.Globalization;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Worker.Configuration;

/// <summary>Checks <see cref="TemporalOptions"/> at start; each failure names the value and the rule.</summary>
public sealed class TemporalOptionsValidator : IValidateOptions<TemporalOptions>
{
    private static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TemporalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>All rule violations of <paramref name="options"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Check(TemporalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Address is not null && AddressProblem(options.Address) is { } problem)
        {
            // user:password@host:port or host:port?apiKey=... would print a secret; such an address is
            // refused without showing it.
            var shown = options.Address.IndexOfAny(['@', '?', '#']) >= 0
                ? "(value hidden: it holds '@', '?' or '#')"
                : options.Address;
            errors.Add($"Temporal:Address '{shown}' (TEMPORAL_ADDRESS) {problem}");
        }

        if (!IsPlainName(options.Namespace, 255))
        {
            errors.Add($"Temporal:Namespace '{options.Namespace}' (TEMPORAL_NAMESPACE) must be 1 to 255 " +
                "characters without spaces or control characters.");
        }

        if (!IsPlainName(options.TaskQueue, 1000))
        {
            errors.Add($"Temporal:TaskQueue '{options.TaskQueue}' (AGENTWORKFLOWS_TASK_QUEUE) must be 1 to 1000 " +
                "characters without spaces or control characters.");
        }

        if (options.GracefulShutdownTimeout <= TimeSpan.Zero || options.GracefulShutdownTimeout > MaxShutdownTimeout)
        {
            errors.Add($"Temporal:GracefulShutdownTimeout {options.GracefulShutdownTimeout} " +
                "(AGENTWORKFLOWS_SHUTDOWN_TIMEOUT) must be above zero and at most 10 minutes, for example 20s.");
        }

        return errors;
    }

    /// <summary>Why <paramref name="address"/> is not a usable <c>host:port</c>, or null when it is.</summary>
    public static string? AddressProblem(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        const string Example = "for example 127.0.0.1:7233";
        if (address.Contains("://", StringComparison.Ordinal))
        {
            return $"must be host:port without a scheme, {Example}.";
        }

        if (address.Contains('@', StringComparison.Ordinal))
        {
            return $"must be host:port without user info (user:password@), {Example}.";
        }

        if (address.IndexOfAny(['?', '#']) >= 0)
        {
            return $"must be host:port without a query or fragment, {Example}.";
        }

        if (address.Length == 0 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
        {
            return $"must be host:port without spaces or a path, {Example}.";
        }

        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1)
        {
            return $"must name a host and a port, {Example}.";
        }

        var host = address[..colon];
        if (host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')))
        {
            return "must put an IPv6 host in brackets, for example [::1]:7233.";
        }

        var portText = address[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port is < 1 or > 65535)
        {
            return $"has port '{portText}'; the port must be a number from 1 to 65535.";
        }

        return null;
    }

    private static bool IsPlainName(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength &&
        !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
