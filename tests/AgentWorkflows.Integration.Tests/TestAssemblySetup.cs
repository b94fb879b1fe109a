using System.Runtime.CompilerServices;

namespace AgentWorkflows.Integration.Tests;

/// <summary>
/// Runs before any test: no AWS client of this assembly may ever reach the cloud metadata address.
/// The integration tests give every client explicit credentials and the configured endpoint.
/// </summary>
internal static class TestAssemblySetup
{
    [ModuleInitializer]
    internal static void DisableCloudMetadata()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
