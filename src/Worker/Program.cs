using System.Runtime.InteropServices;
using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Worker;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Ctrl+C and SIGTERM cancel this token, so that a command still connecting stops at once with a
        // message. A second signal is left to the runtime and ends the process.
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(
            PosixSignal.SIGINT, context => Cancel(interrupted, context));
        using var sigterm = PosixSignalRegistration.Create(
            PosixSignal.SIGTERM, context => Cancel(interrupted, context));

        var environment = EnvironmentSettings.FromProcess();
        var devServer = new TemporalDevServer(environment.GetValueOrDefault("TEMPORAL_DEV_SERVER_PATH"));
        return await CommandLineApp.RunAsync(
            args, environment, Console.Out, Console.Error, devServer, interrupted.Token);
    }

    private static void Cancel(CancellationTokenSource source, PosixSignalContext context)
    {
        if (source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        source.Cancel();
    }
}
