using AgentWorkflows.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Temporalio.Client;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>
/// Builds the worker host from an explicit environment, so that the command line, the tests and the
/// container all see the same configuration rules: the documented variables (see
/// <see cref="EnvironmentSettings"/>), console logs on standard error, OpenTelemetry traces and metrics,
/// and the audit worker itself.
/// </summary>
public static class WorkerHost
{
    /// <summary>Configuration key choosing the console log format: <c>simple</c> (default) or <c>json</c>.</summary>
    public const string LogFormatKey = EnvironmentSettings.LogFormatKey;

    /// <summary>Timestamp of JSON log lines: ISO 8601 in UTC, nothing after the <c>Z</c>.</summary>
    public const string JsonTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The problem reported when the binder cannot read a setting the form check let through.</summary>
    public const string UnreadableSetting =
        "A setting could not be read: each of Temporal__*, Aws__*, S3Audit__* and Reports__* must be one " +
        "value, not a section (no further '__' after the setting's name).";

    /// <summary>A host builder with the audit worker registered.</summary>
    /// <param name="environment">Environment variables to configure from.</param>
    /// <param name="client">A connected client, or null to connect to the configured address on start.</param>
    /// <param name="defaultLogLevel">Log level when <c>AGENTWORKFLOWS_LOG_LEVEL</c> is not set.</param>
    /// <param name="overrides">Configuration entries that win over the environment (the command line's own).</param>
    public static HostApplicationBuilder CreateBuilder(
        IReadOnlyDictionary<string, string?> environment,
        ITemporalClient? client,
        LogLevel defaultLogLevel = LogLevel.Information,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "agentworkflows",
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = defaultLogLevel.ToString(),
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = LogLevel.Warning.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(EnvironmentSettings.ToConfiguration(environment));
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        AddLogging(builder);
        AddTelemetry(builder);
        builder.Services.AddAuditWorker(builder.Configuration, client);
        return builder;
    }

    /// <summary>
    /// Every problem of the configuration <paramref name="environment"/> makes, found without connecting
    /// to anything: first the form of each value (<see cref="ConfigurationCheck"/>), then, when every value
    /// can be read, the rules the host checks at start. Empty when the worker can start.
    /// </summary>
    public static IReadOnlyList<string> ValidateSettings(
        IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var problems = ConfigurationCheck.FormProblems(environment, overrides);
        if (problems.Count > 0)
        {
            return problems;
        }

        try
        {
            using var host = CreateBuilder(environment, client: null, LogLevel.None, overrides).Build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return SettingProblems.InUserTerms(environment, e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return SettingProblems.InUserTerms(
                environment, e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures));
        }
        catch (InvalidOperationException)
        {
            // The binder's own message names a type, not the setting; FormProblems names most cases first.
            return [UnreadableSetting];
        }
    }

    private static void AddLogging(HostApplicationBuilder builder)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        // Standard output belongs to the command line's summary; every log line goes to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (string.Equals(builder.Configuration[LogFormatKey], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = JsonTimestampFormat;
                json.IncludeScopes = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(simple =>
            {
                simple.SingleLine = true;
                simple.UseUtcTimestamp = true;
                simple.TimestampFormat = "HH:mm:ss ";
                simple.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
    }

    private static void AddTelemetry(HostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(WorkerTelemetry.ServiceName))
            .WithTracing(tracing => tracing.AddSource(WorkerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(WorkerTelemetry.Name));

        // Export only where an operator named a collector; nothing leaves the process otherwise.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
