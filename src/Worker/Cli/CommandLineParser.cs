using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// Parses the command line: <c>audit s3 [options]</c>, <c>worker</c> and <c>--help</c>. Options take
/// their value as the next argument or after <c>=</c>. Errors name the argument and the rule; checks of
/// the values themselves (ARN shape, account digits, duration range) are the workflow's, so there is
/// one source of those rules.
/// </summary>
public static class CommandLineParser
{
    private static readonly string[] HelpWords = ["--help", "-h", "help", "-?"];

    private static readonly HashSet<string> AuditOptions = new(StringComparer.Ordinal)
    {
        "--role-arn", "--account", "--agent-id", "--external-id", "--duration", "--bucket-prefix",
        "--report-bucket", "--report-prefix", "--report-dir", "--workflow-id",
    };

    /// <summary>
    /// Parses <paramref name="args"/>; a relative <c>--report-dir</c> is resolved against
    /// <paramref name="workingDirectory"/>.
    /// </summary>
    public static CliParseResult Parse(IReadOnlyList<string> args, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (args.Count == 0)
        {
            return CliParseResult.Fail(
                "no command given; the commands are 'audit s3' and 'worker' ('--help' prints the usage).");
        }

        if (args.Any(a => HelpWords.Contains(a, StringComparer.Ordinal)))
        {
            return CliParseResult.Ok(new HelpCommand());
        }

        return args[0] switch
        {
            "worker" when args.Count == 1 => CliParseResult.Ok(new WorkerCommand()),
            "worker" => CliParseResult.Fail($"the worker command takes no arguments, got '{args[1]}'."),
            "audit" when args.Count > 1 && args[1] == "s3" => ParseAudit(args.Skip(2).ToList(), workingDirectory),
            "audit" when args.Count > 1 =>
                CliParseResult.Fail($"unknown audit target '{args[1]}'; the only one is 's3'."),
            "audit" => CliParseResult.Fail("audit needs a target: 'audit s3'."),
            _ => CliParseResult.Fail($"unknown command '{args[0]}'; the commands are 'audit s3' and 'worker'."),
        };
    }

    private static CliParseResult ParseAudit(List<string> args, string workingDirectory)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
                value = i + 1 < args.Count ? args[i + 1] : null;
                if (value is not null && value.StartsWith("--", StringComparison.Ordinal))
                {
                    value = null;
                }
                else
                {
                    i++;
                }
            }

            if (!AuditOptions.Contains(name))
            {
                return CliParseResult.Fail(name.StartsWith('-')
                    ? $"unknown option '{name}'."
                    : $"unexpected argument '{name}'; options start with '--'.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return CliParseResult.Fail($"option '{name}' needs a value.");
            }

            if (!values.TryAdd(name, value))
            {
                return CliParseResult.Fail($"option '{name}' is given twice.");
            }
        }

        return BuildAudit(values, workingDirectory);
    }

    private static CliParseResult BuildAudit(Dictionary<string, string> values, string workingDirectory)
    {
        TimeSpan? duration = null;
        if (values.TryGetValue("--duration", out var durationText))
        {
            if (!DurationText.TryParse(durationText, out var parsed, out var error))
            {
                return CliParseResult.Fail($"--duration: {error}");
            }

            duration = parsed;
        }

        foreach (var required in new[] { "--role-arn", "--account", "--agent-id" })
        {
            if (!values.ContainsKey(required))
            {
                return CliParseResult.Fail($"option '{required}' is required.");
            }
        }

        var bucket = values.GetValueOrDefault("--report-bucket");
        var prefix = values.GetValueOrDefault("--report-prefix");
        var directory = values.GetValueOrDefault("--report-dir");
        if (bucket is not null && directory is not null)
        {
            return CliParseResult.Fail(
                $"choose one report destination: --report-bucket '{bucket}' or --report-dir '{directory}'.");
        }

        if (prefix is not null && bucket is null)
        {
            return CliParseResult.Fail($"--report-prefix '{prefix}' needs --report-bucket.");
        }

        var report = bucket is not null
            ? new ReportDestination(Bucket: bucket, KeyPrefix: prefix)
            : new ReportDestination(LocalDirectory: Path.GetFullPath(directory ?? "reports", workingDirectory));

        return CliParseResult.Ok(new AuditS3Command(
            RoleArn: values["--role-arn"],
            AccountId: values["--account"],
            AgentId: values["--agent-id"],
            ExternalId: values.GetValueOrDefault("--external-id"),
            Duration: duration,
            BucketPrefix: values.GetValueOrDefault("--bucket-prefix"),
            Report: report,
            WorkflowId: values.GetValueOrDefault("--workflow-id")));
    }
}
