using System.Globalization;
using AgentWorkflows.Worker.Hosting;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Temporalio.Extensions.Hosting;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class WorkerHostTests
{
    private static Dictionary<string, string?> ValidEnvironment() => new()
    {
        ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
        ["AWS_REGION"] = "us-east-1",
        ["AGENTWORKFLOWS_SEALING_KEY"] = Convert.ToBase64String(new byte[32]),
    };

    /// <summary>Runs the host's start-up validation without starting anything, and returns its failures.</summary>
    private static IReadOnlyList<string> StartupFailures(Dictionary<string, string?> environment)
    {
        using var host = WorkerHost.CreateBuilder(environment, client: null).Build();
        var validator = host.Services.GetRequiredService<IStartupValidator>();
        try
        {
            validator.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
        }
    }

    [Fact]
    public void Validate_ValidEnvironment_Passes()
    {
        Assert.Empty(StartupFailures(ValidEnvironment()));
    }

    [Fact]
    public void Validate_AddressWithScheme_NamesTheValue()
    {
        var environment = ValidEnvironment();
        environment["TEMPORAL_ADDRESS"] = "https://temporal.internal:7233";

        var failure = Assert.Single(StartupFailures(environment));

        Assert.Contains("'https://temporal.internal:7233' (TEMPORAL_ADDRESS)", failure, StringComparison.Ordinal);
        Assert.Contains("without a scheme", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedEndpoint_NamesKeyAndValue()
    {
        var environment = ValidEnvironment();
        environment["AWS_ENDPOINT_URL_STS"] = "ftp://127.0.0.1:5000";

        var failure = Assert.Single(StartupFailures(environment));

        Assert.Contains("Aws:StsEndpoint", failure, StringComparison.Ordinal);
        Assert.Contains("ftp://127.0.0.1:5000", failure, StringComparison.Ordinal);
        Assert.Contains("absolute http or https", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SealingKeyOfWrongLength_NamesTheRuleButNotTheKey()
    {
        var key = Convert.ToBase64String("sixteen-byte-key"u8.ToArray());
        var environment = ValidEnvironment();
        environment["AGENTWORKFLOWS_SEALING_KEY"] = key;

        var failure = Assert.Single(StartupFailures(environment));

        Assert.Contains("SealingKey", failure, StringComparison.Ordinal);
        Assert.Contains("32 bytes", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var environment = ValidEnvironment();
        environment["TEMPORAL_NAMESPACE"] = "two words";
        environment["AWS_REGION"] = "Mars";

        var failures = StartupFailures(environment);

        Assert.Contains(failures, f => f.Contains("'two words' (TEMPORAL_NAMESPACE)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Aws:Region 'Mars'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddAuditWorker_RegistersTheWorkflowAndEveryActivityTheWorkflowSchedules()
    {
        var environment = ValidEnvironment();
        environment["AGENTWORKFLOWS_TASK_QUEUE"] = "queue-under-test";
        using var host = WorkerHost.CreateBuilder(environment, client: null).Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<TemporalWorkerServiceOptions>>()
            .Get("queue-under-test"); // the hosting extension names the options by task queue

        Assert.Equal("queue-under-test", options.TaskQueue);
        Assert.Contains(options.Workflows, w => w.Name == "S3AuditWorkflow");
        var registered = options.Activities.Select(a => a.Name).ToHashSet();
        var expected = typeof(ActivityNames).GetFields()
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(8, expected.Count);
        Assert.All(expected, name => Assert.Contains(name, registered));
    }

    [Fact]
    public void AddAuditWorker_NondeterminismSuspendsInsteadOfFailingTheRun()
    {
        using var host = WorkerHost.CreateBuilder(ValidEnvironment(), client: null).Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<TemporalWorkerServiceOptions>>()
            .Get("agentworkflows-s3-audit");

        Assert.DoesNotContain(typeof(Exception), options.WorkflowFailureExceptionTypes ?? []);
        Assert.Equal(TimeSpan.FromSeconds(20), options.GracefulShutdownTimeout);
        Assert.Contains(options.Interceptors ?? [], i => i is ActivityTracingInterceptor);
    }

    [Fact]
    public void CreateBuilder_JsonLogs_TimestampIsIso8601EndingInZ()
    {
        var environment = ValidEnvironment();
        environment["AGENTWORKFLOWS_LOG_FORMAT"] = "json";
        using var host = WorkerHost.CreateBuilder(environment, client: null).Build();

        var format = host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>()
            .CurrentValue.TimestampFormat;

        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)
            .ToString(format, CultureInfo.InvariantCulture);
        Assert.Equal("2026-01-02T03:04:05.678Z", stamp);
    }

    [Fact]
    public void ValidateSettings_NoTemporalAddress_PassesForTheDevServer()
    {
        var environment = ValidEnvironment();
        environment.Remove("TEMPORAL_ADDRESS");

        Assert.Empty(WorkerHost.ValidateSettings(environment));
    }

    [Fact]
    public void ValidateSettings_ShutdownTimeoutTooLong_NamesTheVariable()
    {
        var environment = ValidEnvironment();
        environment["AGENTWORKFLOWS_SHUTDOWN_TIMEOUT"] = "11m";

        var failure = Assert.Single(WorkerHost.ValidateSettings(environment));

        Assert.Contains("'11m' (AGENTWORKFLOWS_SHUTDOWN_TIMEOUT)", failure, StringComparison.Ordinal);
        Assert.Contains("at most 10 minutes", failure, StringComparison.Ordinal);
    }
}
