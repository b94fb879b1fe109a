using System.Collections;
using System.Globalization;
using AgentWorkflows.Worker.Cli;

namespace AgentWorkflows.Worker.Configuration;

/// <summary>
/// Turns the documented environment variables into configuration keys. Later entries win, so a
/// per-service endpoint beats <c>AWS_ENDPOINT_URL</c>. Variables written the .NET way
/// (<c>Temporal__Address</c>) also work; the documented names override them.
/// </summary>
public static class EnvironmentSettings
{
    /// <summary>Key of the worker's shutdown grace period (<c>AGENTWORKFLOWS_SHUTDOWN_TIMEOUT</c>).</summary>
    public const string ShutdownTimeoutKey = "Temporal:GracefulShutdownTimeout";

    /// <summary>Key choosing the console log format (<c>AGENTWORKFLOWS_LOG_FORMAT</c>).</summary>
    public const string LogFormatKey = "Logging:Format";

    /// <summary>The documented variables and the keys they set, in the order they are applied.</summary>
    public static IReadOnlyList<(string Variable, string Key)> Mappings { get; } =
    [
        ("TEMPORAL_ADDRESS", "Temporal:Address"),
        ("TEMPORAL_NAMESPACE", "Temporal:Namespace"),
        ("AGENTWORKFLOWS_TASK_QUEUE", "Temporal:TaskQueue"),
        ("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "Temporal:GracefulShutdownTimeout"),
        ("AWS_DEFAULT_REGION", "Aws:Region"),
        ("AWS_REGION", "Aws:Region"),
        ("AWS_ENDPOINT_URL", "Aws:StsEndpoint"),
        ("AWS_ENDPOINT_URL", "Aws:IamEndpoint"),
        ("AWS_ENDPOINT_URL", "Aws:S3Endpoint"),
        ("AWS_ENDPOINT_URL", "Aws:S3ControlEndpoint"),
        ("AWS_ENDPOINT_URL_STS", "Aws:StsEndpoint"),
        ("AWS_ENDPOINT_URL_IAM", "Aws:IamEndpoint"),
        ("AWS_ENDPOINT_URL_S3", "Aws:S3Endpoint"),
        ("AWS_ENDPOINT_URL_S3_CONTROL", "Aws:S3ControlEndpoint"),
        ("AGENTWORKFLOWS_S3_FORCE_PATH_STYLE", "Aws:S3ForcePathStyle"),
        ("AGENTWORKFLOWS_SEALING_KEY", "Aws:SealingKey"),
        ("AGENTWORKFLOWS_REPORT_ROOT", "Reports:LocalRoot"),
        ("AGENTWORKFLOWS_LOG_LEVEL", "Logging:LogLevel:Default"),
        ("AGENTWORKFLOWS_LOG_FORMAT", "Logging:Format"),
    ];

    /// <summary>
    /// The environment variable that set <paramref name="key"/>: the documented one the user set, else the
    /// .NET-style name the user set (<c>S3Audit__MaxConcurrency</c>), else the documented name, else the
    /// .NET-style form of the key.
    /// </summary>
    public static string VariableFor(IReadOnlyDictionary<string, string?> environment, string key)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(key);
        var documented = Mappings.Where(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)).ToList();
        for (var i = documented.Count - 1; i >= 0; i--)
        {
            if (!string.IsNullOrEmpty(environment.GetValueOrDefault(documented[i].Variable)))
            {
                return documented[i].Variable;
            }
        }

        var dotnet = key.Replace(":", "__", StringComparison.Ordinal);
        var set = environment.Keys.FirstOrDefault(
            name => string.Equals(name, dotnet, StringComparison.OrdinalIgnoreCase));
        return set ?? (documented.Count > 0 ? documented[^1].Variable : dotnet);
    }

    /// <summary>A snapshot of the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> FromProcess()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    /// <summary>Configuration entries for <paramref name="environment"/>.</summary>
    public static IReadOnlyDictionary<string, string?> ToConfiguration(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                result[name] = value;
            }
            else if (name.Contains("__", StringComparison.Ordinal))
            {
                result[name.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        foreach (var (variable, key) in Mappings)
        {
            if (environment.TryGetValue(variable, out var value) && !string.IsNullOrEmpty(value))
            {
                result[key] = value;
            }
        }

        // Every duration takes the command line's syntax (20s, 1m30s) as well as hh:mm:ss; the binder
        // only knows the latter, so the former is handed on as hh:mm:ss. Anything else stays for the check.
        foreach (var key in result.Keys.Where(ConfigurationCheck.DurationKeys.Contains).ToList())
        {
            if (result[key] is { } text && !text.Contains(':', StringComparison.Ordinal) &&
                DurationText.TryParseSetting(text, out var duration))
            {
                result[key] = duration.ToString("c", CultureInfo.InvariantCulture);
            }
        }

        // Emulators serve S3 on one host without wildcard DNS; virtual-host addressing would not reach them.
        if (result.ContainsKey("Aws:S3Endpoint") && !result.ContainsKey("Aws:S3ForcePathStyle"))
        {
            result["Aws:S3ForcePathStyle"] = "true";
        }

        return result;
    }
}
