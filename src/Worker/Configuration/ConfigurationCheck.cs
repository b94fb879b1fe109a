using System.ComponentModel;
using System.Reflection;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Worker.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AgentWorkflows.Worker.Configuration;

/// <summary>
/// Checks the form of every setting before a host is built: values the configuration binder cannot
/// convert (it would throw with a stack trace), log level and format, and OpenTelemetry endpoints. Each
/// problem names the setting, the environment variable the user set, the value (never a secret, never
/// the user info or query of a URL) and the expected form.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>The log formats <see cref="Hosting.WorkerHost"/> knows.</summary>
    public static IReadOnlyList<string> LogFormats { get; } = ["simple", "json"];

    private static readonly (string Section, Type Options)[] Sections =
    [
        (TemporalOptions.SectionName, typeof(TemporalOptions)),
        (AwsOptions.SectionName, typeof(AwsOptions)),
        (S3AuditOptions.SectionName, typeof(S3AuditOptions)),
        (ReportStoreOptions.SectionName, typeof(ReportStoreOptions)),
    ];

    /// <summary>Keys of every duration setting; they all take <see cref="DurationText.TryParseSetting"/>.</summary>
    public static IReadOnlySet<string> DurationKeys { get; } = Sections
        .SelectMany(s => s.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(TimeSpan))
            .Select(p => $"{s.Section}:{p.Name}"))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Problems of the settings <paramref name="environment"/> makes; empty when all can be used.</summary>
    /// <param name="environment">Environment variables, as <see cref="EnvironmentSettings"/> reads them.</param>
    /// <param name="overrides">Entries the command line sets itself; they win over the environment.</param>
    public static IReadOnlyList<string> FormProblems(
        IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(EnvironmentSettings.ToConfiguration(environment));
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Build();
        var errors = new List<string>();
        foreach (var (section, options) in Sections)
        {
            CheckConversions(environment, configuration, section, options, errors);
        }

        CheckLogging(environment, configuration, errors);
        CheckTelemetry(configuration, errors);
        return errors;
    }

    /// <summary>
    /// <paramref name="text"/> as it may be shown: a URL without user info, query or fragment, other text
    /// as is unless it holds <c>@</c>, <c>?</c> or <c>#</c>, which may carry a password or token.
    /// </summary>
    public static string ShowUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var plain = uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0 &&
                !text.Contains('@', StringComparison.Ordinal);
            return plain ? text : AwsOptionsValidator.ShowEndpoint(uri);
        }

        return text.IndexOfAny(['@', '?', '#']) >= 0 ? "(value hidden: it holds '@', '?' or '#')" : text;
    }

    private static void CheckConversions(
        IReadOnlyDictionary<string, string?> environment,
        IConfiguration configuration,
        string section,
        Type options,
        List<string> errors)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            var key = $"{section}:{property.Name}";
            if (configuration.GetSection(key).GetChildren().Any())
            {
                errors.Add(NotOneValue(environment, key));
                continue;
            }

            var value = configuration[key];
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (string.IsNullOrEmpty(value) || type == typeof(string) || Converts(type, value))
            {
                continue;
            }

            var variable = EnvironmentSettings.VariableFor(environment, key);
            var shown = type == typeof(Uri) ? ShowUrl(value) : value;
            errors.Add($"{key} '{shown}' ({variable}) {ExpectedForm(key, type)}");
        }
    }

    // Aws__S3Endpoint__x=1 makes a section where one value belongs; the binder would crash on it.
    private static string NotOneValue(IReadOnlyDictionary<string, string?> environment, string key)
    {
        var prefix = key.Replace(":", "__", StringComparison.Ordinal) + "__";
        var set = environment.Keys
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var variables = set.Count > 0 ? string.Join(", ", set) : prefix + "*";
        return $"{key} ({variables}) must be one value, not a section; set " +
            $"{EnvironmentSettings.VariableFor(environment, key)} instead.";
    }

    private static bool Converts(Type type, string value)
    {
        if (type == typeof(TimeSpan))
        {
            return DurationText.TryParseSetting(value, out _);
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException
            or OverflowException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string ExpectedForm(string key, Type type)
    {
        return type switch
        {
            _ when DurationKeys.Contains(key) || type == typeof(TimeSpan) =>
                "must be a duration with a unit such as 20s, 1m or 1m30s, or hh:mm:ss such as 00:00:20 " +
                "(a bare number is refused).",
            _ when type == typeof(bool) => "must be true or false.",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number, for example 16.",
            _ when type == typeof(Uri) => "must be an absolute http or https URL, for example http://127.0.0.1:5000.",
            _ when type.IsEnum => $"must be one of {string.Join(", ", Enum.GetNames(type))}.",
            _ => $"cannot be read as {type.Name}.",
        };
    }

    private static void CheckLogging(
        IReadOnlyDictionary<string, string?> environment, IConfiguration configuration, List<string> errors)
    {
        foreach (var entry in configuration.GetSection("Logging:LogLevel").GetChildren())
        {
            if (entry.Value is { } level && !IsLogLevel(level))
            {
                var key = $"Logging:LogLevel:{entry.Key}";
                errors.Add($"{key} '{level}' ({EnvironmentSettings.VariableFor(environment, key)}) must be one of " +
                    $"{string.Join(", ", Enum.GetNames<LogLevel>())}.");
            }
        }

        var format = configuration[EnvironmentSettings.LogFormatKey];
        if (!string.IsNullOrEmpty(format) && !LogFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{EnvironmentSettings.LogFormatKey} '{format}' " +
                $"({EnvironmentSettings.VariableFor(environment, EnvironmentSettings.LogFormatKey)}) must be " +
                $"{string.Join(" or ", LogFormats)}.");
        }
    }

    private static bool IsLogLevel(string text) =>
        !text.Any(char.IsDigit) && Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) &&
        Enum.IsDefined(level);

    private static void CheckTelemetry(IConfiguration configuration, List<string> errors)
    {
        foreach (var entry in configuration.AsEnumerable())
        {
            if (!entry.Key.StartsWith("OTEL_", StringComparison.Ordinal) ||
                !entry.Key.EndsWith("_ENDPOINT", StringComparison.Ordinal) || string.IsNullOrEmpty(entry.Value))
            {
                continue;
            }

            if (!Uri.TryCreate(entry.Value, UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{entry.Key} '{ShowUrl(entry.Value)}' must be an absolute http or https URL of an " +
                    "OTLP collector, for example http://127.0.0.1:4317.");
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                errors.Add($"{entry.Key} '{ShowUrl(entry.Value)}' must carry no user info (user:password@); " +
                    "send credentials in OTEL_EXPORTER_OTLP_HEADERS (the user info is not shown).");
            }
        }
    }
}
