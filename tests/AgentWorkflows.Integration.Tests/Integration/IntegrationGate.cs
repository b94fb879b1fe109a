using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>Lets an integration test run only when its environment is there, and says why otherwise.</summary>
public static class IntegrationGate
{
    /// <summary>The settings from <paramref name="environment"/>, or a skip of the calling test with why.</summary>
    public static IntegrationSettings RequireOrSkip(IReadOnlyDictionary<string, string?> environment)
    {
        var (settings, reason) = IntegrationSettings.Read(environment);
        if (settings is null)
        {
            Assert.Skip(reason ?? "Integration suite skipped.");
        }

        return settings;
    }

    /// <summary>The settings from the process environment, or a skip with the reason.</summary>
    public static IntegrationSettings RequireOrSkip() => RequireOrSkip(EnvironmentSettings.FromProcess());
}
