namespace AgentWorkflows.AwsFake.Internal;

/// <summary>A seeded IAM user with its keys and allowed actions.</summary>
internal sealed class UserPrincipal(string accountId, string name, string userId)
{
    public string AccountId { get; } = accountId;

    public string Name { get; } = name;

    public string UserId { get; } = userId;

    public string Arn => $"arn:aws:iam::{AccountId}:user/{Name}";

    public HashSet<string> AllowedActions { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A seeded IAM role: trust, limits, allowed actions and inline policies.</summary>
internal sealed class RolePrincipal(string accountId, string name, string roleId, DateTimeOffset createdAt)
{
    public string AccountId { get; } = accountId;

    public string Name { get; } = name;

    public string RoleId { get; } = roleId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Arn => $"arn:aws:iam::{AccountId}:role/{Name}";

    public List<string> TrustedPrincipals { get; } = [];

    public string? RequiredExternalId { get; set; }

    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(1);

    public HashSet<string> AllowedActions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Inline policies by name (IAM names are case-insensitive for lookups).</summary>
    public SortedDictionary<string, PolicySlot> InlinePolicies { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A session issued by AssumeRole.</summary>
internal sealed class SessionRecord
{
    public required RolePrincipal Role { get; init; }

    public required string SessionName { get; init; }

    public required string AccessKeyId { get; init; }

    public required string Secret { get; init; }

    public required string Token { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset Expiration { get; init; }

    public string? SourceIdentity { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public string? SessionPolicyText { get; init; }

    public PolicyDocument? SessionPolicy { get; init; }

    /// <summary>True when the session was assumed by another assumed-role session (role chaining).</summary>
    public bool IsChained { get; init; }

    public string Arn => $"arn:aws:sts::{Role.AccountId}:assumed-role/{Role.Name}/{SessionName}";

    public string UserId => $"{Role.RoleId}:{SessionName}";
}

/// <summary>Who signed a request: a user's key or a session's key.</summary>
internal sealed record Caller(string AccessKeyId, UserPrincipal? User, SessionRecord? Session)
{
    public string Arn => User?.Arn ?? Session!.Arn;

    public string AccountId => User?.AccountId ?? Session!.Role.AccountId;

    public string UserId => User?.UserId ?? Session!.UserId;
}

/// <summary>
/// One inline role policy with propagation: <see cref="Latest"/> is what IAM reads return at once,
/// <see cref="Enforced"/> what authorization uses until the change has propagated.
/// </summary>
internal sealed class PolicySlot
{
    public string? Latest { get; set; }

    public PolicyDocument? LatestDocument { get; set; }

    public PolicyDocument? Enforced { get; set; }

    public bool Pending { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public int CallsSinceChange { get; set; }
}
