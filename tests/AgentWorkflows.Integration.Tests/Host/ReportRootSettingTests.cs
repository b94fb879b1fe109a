using AgentWorkflows.Worker.Hosting;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class ReportRootSettingTests
{
    private static Dictionary<string, string?> Environment(string reportRoot) => new()
    {
        ["TEMPORAL_ADDRESS"] = "127.0.0.1:7233",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
        ["AWS_REGION"] = "us-east-1",
        ["AGENTWORKFLOWS_SEALING_KEY"] = Convert.ToBase64String(new byte[32]),
        ["AGENTWORKFLOWS_REPORT_ROOT"] = reportRoot,
    };

    [Fact]
    public void ValidateSettings_RelativeReportRoot_NamesTheVariableAndTheValue()
    {
        var failure = Assert.Single(WorkerHost.ValidateSettings(Environment("reports")));

        Assert.Contains("'reports' (AGENTWORKFLOWS_REPORT_ROOT)", failure, StringComparison.Ordinal);
        Assert.Contains("must be an absolute path", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSettings_AbsoluteReportRoot_Passes()
    {
        Assert.Empty(WorkerHost.ValidateSettings(Environment("/var/lib/agentworkflows/reports")));
    }
}
