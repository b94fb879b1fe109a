using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentWorkflows.Workflows;

namespace AgentWorkflows.Activities.Identity;

/// <summary>
/// The inline role policy that revokes one run's sessions: an explicit Deny of everything for the
/// session's <c>aws:userid</c> (<c>ROLEID:SESSIONNAME</c>) and, when the run id is known, the session
/// tag <see cref="SessionNaming.RunTagKey"/> holding that run id. Other sessions of the same role keep
/// working, including a session of another run that was given the same caller-supplied name. The name
/// holds the session's expiry, so later runs can delete denies whose sessions are certainly dead without
/// reading each document:
/// <c>AgentWorkflowsRevoke-&lt;unix seconds&gt;-[&lt;run hash&gt;-]&lt;session name&gt;</c>.
/// </summary>
public static partial class RevocationPolicy
{
    /// <summary>Name prefix of every revocation policy.</summary>
    public const string Prefix = "AgentWorkflowsRevoke-";

    /// <summary>How many hex digits of SHA-256 over the run id the policy name carries.</summary>
    public const int RunHashLength = 12;

    /// <summary>
    /// How long after a session's expiry its deny is kept before it may be deleted. A session cannot outlive
    /// its expiry, so the margin only covers clock skew between the worker and AWS; keeping denies longer
    /// fills the role's 10,240-character inline policy quota on busy roles.
    /// </summary>
    public static readonly TimeSpan DeleteMargin = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The policy name for a session of run <paramref name="runId"/>; at most 110 characters of
    /// <c>[\w+=,.@-]</c>. The run hash keeps two runs that share a session name from overwriting each
    /// other's deny; without a run id the name is the session's alone.
    /// </summary>
    public static string NameFor(string sessionName, DateTimeOffset expiresAt, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(sessionName);
        var run = runId is null ? string.Empty : RunHash(runId) + "-";
        return string.Create(
            CultureInfo.InvariantCulture, $"{Prefix}{expiresAt.ToUnixTimeSeconds()}-{run}{sessionName}");
    }

    /// <summary>The session expiry encoded in a revocation policy name, or null for any other name.</summary>
    public static DateTimeOffset? ExpiryOf(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        var match = NamePattern().Match(policyName);
        return match.Success && long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Whether a revocation policy may be deleted at <paramref name="now"/>.</summary>
    public static bool IsDeletable(string policyName, DateTimeOffset now) =>
        ExpiryOf(policyName) is { } expiry && expiry + DeleteMargin < now;

    /// <summary>
    /// The policy document denying every action to <paramref name="sessionUserId"/>; when
    /// <paramref name="runId"/> is given, only to those of its sessions tagged with that run id (both keys
    /// sit in one <c>StringEquals</c> block, so both must match).
    /// </summary>
    public static string Document(string sessionUserId, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(sessionUserId);
        var equals = new Dictionary<string, string> { ["aws:userid"] = sessionUserId };
        if (runId is not null)
        {
            equals["aws:PrincipalTag/" + SessionNaming.RunTagKey] = runId;
        }

        var document = new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Sid"] = "AgentWorkflowsRevokeSession",
                    ["Effect"] = "Deny",
                    ["Action"] = "*",
                    ["Resource"] = "*",
                    ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = equals },
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }

    private static string RunHash(string runId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..RunHashLength];

    [GeneratedRegex(@"^AgentWorkflowsRevoke-([0-9]{9,11})-[\w+=,.@-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
