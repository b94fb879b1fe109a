using System.Net;
using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>
/// Where the integration suite runs: a real Temporal server and an AWS endpoint (an emulator from
/// <c>docker compose up</c>, or anything else that speaks STS, IAM and S3), with credentials allowed to
/// create IAM roles and buckets there.
/// </summary>
public sealed record IntegrationSettings(
    string TemporalAddress,
    string Namespace,
    Uri AwsEndpoint,
    string Region,
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken)
{
    /// <summary>Variables the suite needs; without all of them every integration test is skipped.</summary>
    public static IReadOnlyList<string> Required { get; } =
        ["TEMPORAL_ADDRESS", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

    /// <summary>Set to <c>true</c> to let the suite create roles and buckets behind a non-loopback endpoint.</summary>
    public const string AllowRemoteVariable = "AGENTWORKFLOWS_IT_ALLOW_REMOTE_AWS";

    /// <summary>The settings, or why the suite cannot run (the skip reason shown to the user).</summary>
    public static (IntegrationSettings? Settings, string? SkipReason) Read(
        IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var missing = Required.Where(name => string.IsNullOrWhiteSpace(environment.GetValueOrDefault(name))).ToList();
        if (missing.Count > 0)
        {
            return (null, $"Integration suite skipped: {string.Join(", ", missing)} not set. " +
                "Start the stack with 'docker compose up -d --build' and export the variables listed in " +
                "README.md, section 'Integration suite'.");
        }

        var endpointText = environment["AWS_ENDPOINT_URL"]!;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) ||
            (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            var shown = ConfigurationCheck.ShowUrl(endpointText);
            return (null, $"Integration suite skipped: AWS_ENDPOINT_URL '{shown}' is not an absolute " +
                "http or https URL.");
        }

        var allowRemote = string.Equals(
            environment.GetValueOrDefault(AllowRemoteVariable), "true", StringComparison.OrdinalIgnoreCase);
        if (!IsLoopback(endpoint) && !allowRemote)
        {
            return (null, $"Integration suite skipped: AWS_ENDPOINT_URL '{ConfigurationCheck.ShowUrl(endpointText)}' " +
                "is not a loopback " +
                "address; the suite creates and deletes IAM roles and buckets, so set " +
                $"{AllowRemoteVariable}=true to aim it there.");
        }

        var region = environment.GetValueOrDefault("AWS_REGION");
        var @namespace = environment.GetValueOrDefault("TEMPORAL_NAMESPACE");
        return (new IntegrationSettings(
            environment["TEMPORAL_ADDRESS"]!,
            string.IsNullOrWhiteSpace(@namespace) ? "default" : @namespace,
            endpoint,
            string.IsNullOrWhiteSpace(region) ? "us-east-1" : region,
            environment["AWS_ACCESS_KEY_ID"]!,
            environment["AWS_SECRET_ACCESS_KEY"]!,
            environment.GetValueOrDefault("AWS_SESSION_TOKEN")), null);
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback ||
        (IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
