using AgentWorkflows.Worker.Cli;
using Temporalio.Client;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class CommandLineAppTests
{
    // Values that must never appear in any output of the command line.
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE-session-token";
    private const string ExternalId = "ext-3f9a1c77";

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly FailingLocalServer _localServer = new();

    private static Dictionary<string, string?> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
            ["AWS_SESSION_TOKEN"] = SessionToken,
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    private Task<int> RunAsync(Dictionary<string, string?> environment, params string[] args) =>
        CommandLineApp.RunAsync(
            args, environment, _output, _error, _localServer, TestContext.Current.CancellationToken);

    private string AllOutput => _output.ToString() + _error;

    private static string[] Audit(params string[] extra) =>
    [
        "audit", "s3", "--role-arn", "arn:aws:iam::111122223333:role/Audit", "--account", "111122223333",
        "--agent-id", "agent-7", "--external-id", ExternalId, .. extra,
    ];

    private void AssertNoSecretPrinted()
    {
        var text = AllOutput;
        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExternalId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndExitsZero()
    {
        var code = await RunAsync(Environment(), "--help");

        Assert.Equal(ExitCodes.Clean, code);
        Assert.Contains("agentworkflows audit s3 --role-arn ARN", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 public buckets found", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadDuration_PrintsUsageAndTheValueAndExitsOne()
    {
        var code = await RunAsync(Environment(), Audit("--duration", "15x"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: --duration: duration '15x'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _localServer.Starts);
        AssertNoSecretPrinted();
    }

    [Fact]
    public async Task RunAsync_InvalidTemporalAddress_NamesItAndStartsNothing()
    {
        var code = await RunAsync(Environment(("TEMPORAL_ADDRESS", "temporal.example:port")), Audit());

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("'temporal.example:port' (TEMPORAL_ADDRESS)", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _localServer.Starts);
        AssertNoSecretPrinted();
    }

    [Fact]
    public async Task RunAsync_NoAddressAndDevServerUnavailable_TellsToSetTemporalAddress()
    {
        var code = await RunAsync(Environment(), Audit());

        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal(1, _localServer.Starts);
        var error = _error.ToString();
        Assert.Contains("TEMPORAL_ADDRESS is not set", error, StringComparison.Ordinal);
        Assert.Contains(FailingLocalServer.Message, error, StringComparison.Ordinal);
        Assert.Contains("Set TEMPORAL_ADDRESS to a running Temporal server", error, StringComparison.Ordinal);
        AssertNoSecretPrinted();
    }

    [Fact]
    public async Task RunAsync_WorkerWithoutAddress_RefusesToStart()
    {
        var code = await RunAsync(Environment(), "worker");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("the worker command needs TEMPORAL_ADDRESS", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _localServer.Starts);
    }

    [Fact]
    public async Task RunAsync_WorkerWithBadSealingKey_FailsValidationWithoutPrintingTheKey()
    {
        var key = Convert.ToBase64String("not-thirty-two-bytes"u8.ToArray());
        var environment = Environment(
            ("TEMPORAL_ADDRESS", "127.0.0.1:1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
            ("AGENTWORKFLOWS_SEALING_KEY", key),
            ("AGENTWORKFLOWS_LOG_LEVEL", "None"));

        var code = await RunAsync(environment, "worker");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(
            "Aws:SealingKey must be base64 of exactly 32 bytes", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, AllOutput, StringComparison.Ordinal);
        AssertNoSecretPrinted();
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_PrintsUsageAndExitsOne()
    {
        var code = await RunAsync(Environment(), "deploy");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("unknown command 'deploy'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", _error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Stands in for the SDK's dev server on a machine that cannot download it.</summary>
    private sealed class FailingLocalServer : ILocalTemporalServer
    {
        public const string Message = "download of the dev server failed: no route to host";

        public int Starts { get; private set; }

        public Task<(ITemporalClient Client, IAsyncDisposable Server)> StartAsync(
            string @namespace, CancellationToken cancellationToken)
        {
            Starts++;
            throw new InvalidOperationException(Message);
        }
    }
}
