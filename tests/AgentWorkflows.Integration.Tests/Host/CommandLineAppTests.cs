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

    private Task<int> RunAsync(
        Dictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args) =>
        CommandLineApp.RunAsync(args, environment, _output, _error, _localServer, cancellationToken);

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
    public async Task RunAsync_HelpWord_PrintsUsageAndExitsZero()
    {
        var code = await RunAsync(Environment(), "help");

        Assert.Equal(ExitCodes.Clean, code);
        Assert.Contains("Usage:", _output.ToString(), StringComparison.Ordinal);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task RunAsync_NoArguments_PrintsUsageToErrorAndExitsOne()
    {
        var code = await RunAsync(Environment());

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("error: no command given", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
        Assert.Equal(0, _localServer.Starts);
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
            "Aws:SealingKey (AGENTWORKFLOWS_SEALING_KEY) must be base64 of exactly 32 bytes", _error.ToString(),
            StringComparison.Ordinal);
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

    [Theory]
    [InlineData("worker", "AGENTWORKFLOWS_S3_FORCE_PATH_STYLE", "maybe", "must be true or false")]
    [InlineData("audit", "AGENTWORKFLOWS_S3_FORCE_PATH_STYLE", "maybe", "must be true or false")]
    [InlineData("worker", "S3Audit__MaxConcurrency", "abc", "must be a whole number")]
    [InlineData("audit", "S3Audit__MaxConcurrency", "abc", "must be a whole number")]
    [InlineData("worker", "AGENTWORKFLOWS_LOG_LEVEL", "bogus", "must be one of Trace, Debug, Information")]
    [InlineData("audit", "AGENTWORKFLOWS_LOG_LEVEL", "bogus", "must be one of Trace, Debug, Information")]
    [InlineData("worker", "AGENTWORKFLOWS_LOG_FORMAT", "xml", "must be simple or json")]
    [InlineData("audit", "AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "soon", "a duration with a unit such as 20s")]
    [InlineData("worker", "OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "must be an absolute http or https URL")]
    [InlineData("audit", "AWS_REGION", "Mars", "is not a region name")]
    public async Task RunAsync_UnreadableSetting_NamesTheVariableAndFormAndExitsOneBeforeConnecting(
        string command, string variable, string value, string expected)
    {
        // Port 1 refuses at once; the check must come first, so the message is about the setting.
        var environment = Environment((variable, value));
        if (command == "worker")
        {
            environment["TEMPORAL_ADDRESS"] = "127.0.0.1:1";
        }

        var code = await RunAsync(environment, command == "worker" ? ["worker"] : Audit());

        Assert.Equal(ExitCodes.Error, code);
        var error = _error.ToString();
        Assert.StartsWith("error: Configuration is invalid:", error, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error, StringComparison.Ordinal);
        Assert.Contains(variable, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("could not connect", error, StringComparison.Ordinal);
        Assert.Equal(0, _localServer.Starts);
        AssertNoSecretPrinted();
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("audit")]
    public async Task RunAsync_EndpointWithUserInfo_NeverPrintsTheUserInfo(string command)
    {
        var environment = Environment(
            ("TEMPORAL_ADDRESS", "127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://KEY:PW123@127.0.0.1:5000"));

        var code = await RunAsync(environment, command == "worker" ? ["worker"] : Audit());

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("'http://127.0.0.1:5000/' (AWS_ENDPOINT_URL", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("must carry no user info", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PW123", AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY:", AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShutdownTimeoutWithUnit_IsAccepted()
    {
        var environment = Environment(
            ("TEMPORAL_ADDRESS", "127.0.0.1:1"), ("AGENTWORKFLOWS_SHUTDOWN_TIMEOUT", "20s"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));

        var code = await RunAsync(environment, "worker");

        // It got past the configuration check to the connection, which port 1 refuses.
        Assert.Equal(ExitCodes.Error, code);
        Assert.DoesNotContain("Configuration is invalid", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("could not connect", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("audit")]
    public async Task RunAsync_UnreachableServer_PrintsOneCleanConnectErrorAndExitsOne(string command)
    {
        var environment = Environment(
            ("TEMPORAL_ADDRESS", "127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));

        var code = await RunAsync(environment, command == "worker" ? ["worker"] : Audit());

        Assert.Equal(ExitCodes.Error, code);
        var error = _error.ToString();
        Assert.StartsWith("error: could not connect to Temporal at 127.0.0.1:1 (TEMPORAL_ADDRESS): ", error,
            StringComparison.Ordinal);
        Assert.Single(error.Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        AssertNoSecretPrinted();
    }

    [Fact]
    public async Task RunAsync_WorkerInterruptedWhileConnecting_SaysSoAndExitsZero()
    {
        // A listener that accepts and never answers, on loopback: the connection attempt hangs.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var interrupt = new CancellationTokenSource();
        var environment = Environment(
            ("TEMPORAL_ADDRESS", $"127.0.0.1:{port}"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));

        var running = RunAsync(environment, interrupt.Token, "worker");
        await interrupt.CancelAsync();
        var code = await running;

        Assert.Equal(ExitCodes.Clean, code);
        Assert.Equal(
            $"Interrupted while connecting to Temporal at 127.0.0.1:{port}; the worker did not start.",
            _error.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_AuditInterruptedWhileStartingDevServer_SaysSoAndExitsOne()
    {
        using var interrupt = new CancellationTokenSource();
        _localServer.Hang = true;

        var running = RunAsync(Environment(), interrupt.Token, Audit());
        await interrupt.CancelAsync();
        var code = await running;

        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal(
            "Interrupted while connecting to Temporal at the local development server; no workflow was started.",
            _error.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_AuditWithBadArguments_PrintsEveryViolationWithoutStartingTemporal()
    {
        var code = await RunAsync(
            Environment(),
            "audit", "s3", "--role-arn", "nonsense", "--account", "abc", "--agent-id", "bad agent",
            "--duration", "9h");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal(0, _localServer.Starts);
        var error = _error.ToString();
        Assert.StartsWith("error: The audit arguments are invalid:", error, StringComparison.Ordinal);
        var input = new AgentWorkflows.Workflows.Contracts.S3AuditInput(
            "abc", "nonsense", "bad agent", new(LocalDirectory: "/tmp/r"), SessionDurationSeconds: 32400);
        var violations = AgentWorkflows.Workflows.InputValidation.Validate(input);
        Assert.True(violations.Count >= 4, string.Join(" | ", violations));
        Assert.All(violations, violation => Assert.Contains(violation, error, StringComparison.Ordinal));
        Assert.DoesNotContain("local development server", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportDirUnderAFile_FailsBeforeStartingTemporal()
    {
        var file = Path.GetTempFileName();
        try
        {
            var directory = Path.Combine(file, "reports");

            var code = await RunAsync(Environment(), Audit("--report-dir", directory));

            Assert.Equal(ExitCodes.Error, code);
            Assert.Equal(0, _localServer.Starts);
            Assert.Contains(
                $"--report-dir '{directory}' cannot be created", _error.ToString(), StringComparison.Ordinal);
            AssertNoSecretPrinted();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Stands in for the SDK's dev server on a machine that cannot download it.</summary>
    private sealed class FailingLocalServer : ILocalTemporalServer
    {
        public const string Message = "download of the dev server failed: no route to host";

        public int Starts { get; private set; }

        /// <summary>Wait for the cancellation instead of failing, like a download that does not progress.</summary>
        public bool Hang { get; set; }

        public async Task<(ITemporalClient Client, IAsyncDisposable Server)> StartAsync(
            string @namespace, CancellationToken cancellationToken)
        {
            Starts++;
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            throw new InvalidOperationException(Message);
        }
    }
}
