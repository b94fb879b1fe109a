using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Worker;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var environment = EnvironmentSettings.FromProcess();
        var devServer = new TemporalDevServer(environment.GetValueOrDefault("TEMPORAL_DEV_SERVER_PATH"));
        return await CommandLineApp.RunAsync(args, environment, Console.Out, Console.Error, devServer);
    }
}
