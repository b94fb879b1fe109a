namespace AgentWorkflows.Worker.Cli;

/// <summary>Entry of the command line: parse, then run the chosen command.</summary>
public static class CommandLineApp
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?> environment,
        TextWriter output,
        TextWriter error,
        ILocalTemporalServer localServer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CommandLineParser.Parse(args, Directory.GetCurrentDirectory());
        switch (parsed.Command)
        {
            case HelpCommand:
                await output.WriteLineAsync(Usage.Text);
                return ExitCodes.Clean;
            case WorkerCommand:
                return await new WorkerCommandRunner(environment, error).RunAsync(cancellationToken);
            case AuditS3Command audit:
                return await new AuditCommandRunner(environment, output, error, localServer, TimeProvider.System)
                    .RunAsync(audit, cancellationToken);
            default:
                await error.WriteLineAsync($"error: {parsed.Error}");
                await error.WriteLineAsync();
                await error.WriteLineAsync(Usage.Text);
                return ExitCodes.Error;
        }
    }

    /// <summary>Writes a heading and one indented line per problem.</summary>
    internal static async Task WriteProblemsAsync(TextWriter writer, string heading, IEnumerable<string> problems)
    {
        await writer.WriteLineAsync($"error: {heading}");
        foreach (var problem in problems)
        {
            await writer.WriteLineAsync($"  {problem}");
        }
    }
}
