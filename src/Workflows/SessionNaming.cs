using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Names and tags of the sessions a run mints. Everything here is a pure function of the workflow id,
/// run id and input, so a retried activity or a replay always asks STS for the same session.
/// </summary>
public static partial class SessionNaming
{
    /// <summary>Session tag holding the agent id.</summary>
    public const string AgentTagKey = "agentworkflows:agent-id";

    /// <summary>Session tag holding the workflow id.</summary>
    public const string TaskTagKey = "agentworkflows:task-id";

    /// <summary>
    /// Session tag holding the workflow run id. The revocation deny matches it as well as the session's
    /// <c>aws:userid</c>, so a caller-supplied session name shared by two runs revokes only one of them.
    /// </summary>
    public const string RunTagKey = "agentworkflows:run-id";

    /// <summary>Longest role session name STS accepts.</summary>
    public const int MaxSessionNameLength = 64;

    /// <summary>Longest session tag value STS accepts.</summary>
    public const int MaxTagValueLength = 256;

    private const int HashLength = 12;

    /// <summary>
    /// The session name of a run: a readable prefix taken from the workflow id and 12 hex digits of a
    /// SHA-256 over workflow id and run id, at most 64 characters of <c>[\w+=.@-]</c>. The comma that STS
    /// would allow is left out, so the name can sit in comma-separated lists and policy conditions.
    /// </summary>
    public static string DeriveSessionName(string workflowId, string runId)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        ArgumentNullException.ThrowIfNull(runId);

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{workflowId}\n{runId}"));
        var hash = Convert.ToHexStringLower(digest)[..HashLength];

        var readable = new StringBuilder(workflowId.Length);
        foreach (var c in workflowId)
        {
            readable.Append(IsDerivedNameChar(c) ? c : '-');
        }

        var prefix = readable.ToString().Trim('-');
        var room = MaxSessionNameLength - HashLength - 1;
        if (prefix.Length > room)
        {
            prefix = prefix[..room].TrimEnd('-');
        }

        return prefix.Length == 0 ? $"run-{hash}" : $"{prefix}-{hash}";
    }

    /// <summary>The session tags: agent id, task (workflow) id and run id.</summary>
    /// <exception cref="Temporalio.Exceptions.ApplicationFailureException">
    /// <see cref="Contracts.ErrorTypes.InvalidInput"/> when a value breaks the tag value rules.
    /// </exception>
    public static IReadOnlyDictionary<string, string> SessionTags(string agentId, string workflowId, string runId)
    {
        var violations = TagViolations(agentId, workflowId, runId);
        if (violations.Count > 0)
        {
            throw InputValidation.Failure(violations);
        }

        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AgentTagKey] = agentId,
            [TaskTagKey] = workflowId,
            [RunTagKey] = runId,
        };
    }

    /// <summary>Why the agent id, workflow id or run id cannot be a session tag value; empty when all can.</summary>
    public static IReadOnlyList<string> TagViolations(string? agentId, string? workflowId, string? runId) =>
        new[]
        {
            TagValueViolation("agentId", AgentTagKey, agentId),
            TagValueViolation("workflow id", TaskTagKey, workflowId),
            TagValueViolation("run id", RunTagKey, runId),
        }.OfType<string>().ToList();

    /// <summary>Why <paramref name="value"/> cannot be the value of session tag <paramref name="key"/>.</summary>
    /// <returns>The violation, or null when the value is a valid tag value.</returns>
    public static string? TagValueViolation(string field, string key, string? value)
    {
        if (IsTagValue(value))
        {
            return null;
        }

        var shown = value is null ? "(missing)" : $"{InputText.Quote(value)} ({value.Length} characters)";
        return $"{field} {shown} cannot be the value of session tag {key}: a tag value has at most " +
            $"{MaxTagValueLength} characters of letters, digits, spaces and _.:/=+-@";
    }

    /// <summary>True when STS accepts <paramref name="value"/> as a session tag value.</summary>
    public static bool IsTagValue(string? value) =>
        value is not null && value.Length <= MaxTagValueLength && TagValuePattern().IsMatch(value);

    /// <summary>
    /// The ARN GetCallerIdentity must return for the session:
    /// <c>arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>, with the role's path left out as STS
    /// leaves it out.
    /// </summary>
    public static string ExpectedAssumedRoleArn(string roleArn, string sessionName)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        ArgumentNullException.ThrowIfNull(sessionName);

        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{roleArn}' is not an IAM role ARN", nameof(roleArn));
        }

        var partition = parts[1];
        var account = parts[4];
        var roleName = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"arn:{partition}:sts::{account}:assumed-role/{roleName}/{sessionName}");
    }

    private static bool IsDerivedNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or '.' or '@' or '-';

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagValuePattern();
}
