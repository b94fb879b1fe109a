using System.Runtime.CompilerServices;

namespace AgentWorkflows.Activities.Tests;

/// <summary>
/// Runs before any test: no AWS client of this assembly may ever reach the cloud metadata address.
/// Every test also gives its clients explicit credentials and a 127.0.0.1 endpoint.
/// </summary>
internal static class TestAssemblySetup
{
    [ModuleInitializer]
    internal static void DisableCloudMetadata()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
