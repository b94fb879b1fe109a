using AgentWorkflows.Benchmark;

// The fake and every client stay on 127.0.0.1; nothing may fall back to a cloud metadata address.
Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

if (BenchSettings.AsksForHelp(args))
{
    await Console.Out.WriteLineAsync(BenchSettings.Usage);
    return 0;
}

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(BenchSettings.Usage);
    return 2;
}

var keepReports = Environment.GetEnvironmentVariable("BENCH_KEEP_REPORTS") == "1";
var results = await new BenchmarkRunner(settings, Console.Out, keepReports).RunAsync();
return results.Any(r => r.Skipped is { } why && why.StartsWith("failed", StringComparison.Ordinal)) ? 1 : 0;
