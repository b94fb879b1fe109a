using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentWorkflows.Activities.Identity;

/// <summary>
/// The inline role policy that revokes one session: an explicit Deny of everything for the session's
/// <c>aws:userid</c> (<c>ROLEID:SESSIONNAME</c>), so other sessions of the same role keep working.
/// The name holds the session's expiry, so later runs can delete denies whose sessions are certainly dead
/// without reading each document: <c>AgentWorkflowsRevoke-&lt;unix seconds&gt;-&lt;session name&gt;</c>.
/// </summary>
public static partial class RevocationPolicy
{
    /// <summary>Name prefix of every revocation policy.</summary>
    public const string Prefix = "AgentWorkflowsRevoke-";

    /// <summary>How long after a session's expiry its deny is kept before it may be deleted.</summary>
    public static readonly TimeSpan DeleteMargin = TimeSpan.FromHours(1);

    /// <summary>The policy name for a session; at most 96 characters of <c>[\w+=,.@-]</c>.</summary>
    public static string NameFor(string sessionName, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(sessionName);
        return string.Create(
            CultureInfo.InvariantCulture, $"{Prefix}{expiresAt.ToUnixTimeSeconds()}-{sessionName}");
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

    /// <summary>The policy document denying every action to <paramref name="sessionUserId"/>.</summary>
    public static string Document(string sessionUserId)
    {
        ArgumentNullException.ThrowIfNull(sessionUserId);
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
                    ["Condition"] = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, string> { ["aws:userid"] = sessionUserId },
                    },
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }

    [GeneratedRegex(@"^AgentWorkflowsRevoke-([0-9]{9,11})-[\w+=,.@-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
