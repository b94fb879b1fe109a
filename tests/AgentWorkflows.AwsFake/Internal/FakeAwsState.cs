using System.Globalization;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>
/// Everything the fake knows: accounts, principals, sessions, buckets, faults and the request log. All
/// mutable collections are guarded by one lock; requests hold it only briefly.
/// </summary>
internal sealed class FakeAwsState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserPrincipal> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (UserPrincipal User, string Secret)> _userKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RolePrincipal> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeBucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<FaultState> _faults = [];
    private readonly List<FakeRequestRecord> _log = [];
    private TimeSpan _latency;
    private int _propagationCalls;
    private TimeSpan _propagationDelay;

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();

    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value; } }
    }

    public int PropagationCalls
    {
        get { lock (_gate) { return _propagationCalls; } }
        set { lock (_gate) { _propagationCalls = value; } }
    }

    public TimeSpan PropagationDelay
    {
        get { lock (_gate) { return _propagationDelay; } }
        set { lock (_gate) { _propagationDelay = value; } }
    }

    public FakeAccount AddAccount(string accountId)
    {
        if (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Account id '{accountId}' must be 12 digits.", nameof(accountId));
        }

        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountId, out var account))
            {
                account = new FakeAccount(accountId);
                _accounts.Add(accountId, account);
            }

            return account;
        }
    }

    public FakeAccount? FindAccount(string accountId)
    {
        lock (_gate)
        {
            return _accounts.GetValueOrDefault(accountId);
        }
    }

    public FakeAccessKey AddUser(string accountId, string userName, IEnumerable<string> allowedActions)
    {
        RequireName(userName, "User name", 64);
        AddAccount(accountId);
        lock (_gate)
        {
            var key = accountId + "/" + userName;
            if (!_users.TryGetValue(key, out var user))
            {
                user = new UserPrincipal(accountId, userName, Ids.UserId());
                _users.Add(key, user);
            }

            user.AllowedActions.UnionWith(allowedActions);
            var accessKeyId = Ids.UserAccessKeyId();
            var secret = Ids.Secret();
            _userKeys.Add(accessKeyId, (user, secret));
            return new FakeAccessKey(accessKeyId, secret)
            {
                UserArn = user.Arn,
                UserId = user.UserId,
                AccountId = accountId,
            };
        }
    }

    public FakeRole AddRole(
        string accountId,
        string roleName,
        IEnumerable<string> trustedPrincipals,
        string? requiredExternalId,
        TimeSpan maxSessionDuration,
        IEnumerable<string> allowedActions)
    {
        RequireName(roleName, "Role name", 64);
        if (maxSessionDuration < TimeSpan.FromHours(1) || maxSessionDuration > TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSessionDuration), maxSessionDuration,
                "MaxSessionDuration must be between 1 and 12 hours, as IAM requires.");
        }

        AddAccount(accountId);
        lock (_gate)
        {
            var key = accountId + "/" + roleName;
            if (_roles.ContainsKey(key))
            {
                throw new InvalidOperationException($"Role '{roleName}' already exists in account {accountId}.");
            }

            var role = new RolePrincipal(accountId, roleName, Ids.RoleId(), Now)
            {
                RequiredExternalId = requiredExternalId,
                MaxSessionDuration = maxSessionDuration,
            };
            role.TrustedPrincipals.AddRange(trustedPrincipals);
            role.AllowedActions.UnionWith(allowedActions);
            _roles.Add(key, role);
            return new FakeRole(role.RoleId, role.Arn, role.Name, role.AccountId);
        }
    }

    /// <summary>Adds or removes allowed actions of the user or role with this ARN.</summary>
    public void ChangeAllowedActions(string principalArn, IEnumerable<string> actions, bool allow)
    {
        lock (_gate)
        {
            var set = _users.Values.FirstOrDefault(u => u.Arn == principalArn)?.AllowedActions
                ?? _roles.Values.FirstOrDefault(r => r.Arn == principalArn)?.AllowedActions
                ?? throw new ArgumentException(
                    $"No seeded user or role has ARN '{principalArn}'.", nameof(principalArn));
            if (allow)
            {
                set.UnionWith(actions);
            }
            else
            {
                set.ExceptWith(actions);
            }
        }
    }

    public RolePrincipal? FindRole(string accountId, string roleName)
    {
        lock (_gate)
        {
            return _roles.GetValueOrDefault(accountId + "/" + roleName);
        }
    }

    public RolePrincipal? FindRoleByArn(string roleArn)
    {
        const string prefix = "arn:aws:iam::";
        if (!roleArn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = roleArn[prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon != 12 || !rest[(colon + 1)..].StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = rest[(colon + 1 + "role/".Length)..];
        var slash = name.LastIndexOf('/');
        return FindRole(rest[..colon], slash < 0 ? name : name[(slash + 1)..]);
    }

    public FakeBucket AddBucket(string accountId, string name, string region)
    {
        var account = AddAccount(accountId);
        lock (_gate)
        {
            if (_buckets.ContainsKey(name))
            {
                throw new InvalidOperationException($"Bucket '{name}' already exists; bucket names are global.");
            }

            var bucket = new FakeBucket(account, name, region, Now);
            _buckets.Add(name, bucket);
            return bucket;
        }
    }

    public FakeBucket? FindBucket(string name)
    {
        lock (_gate)
        {
            return _buckets.GetValueOrDefault(name);
        }
    }

    public List<FakeBucket> BucketsOf(string accountId)
    {
        lock (_gate)
        {
            return _buckets.Values
                .Where(b => b.Owner.AccountId == accountId)
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The user or session owning this key id, with the secret to verify its signature.</summary>
    public (Caller Caller, string Secret)? ResolveAccessKey(string accessKeyId)
    {
        lock (_gate)
        {
            if (_userKeys.TryGetValue(accessKeyId, out var user))
            {
                return (new Caller(accessKeyId, user.User, null), user.Secret);
            }

            if (_sessions.TryGetValue(accessKeyId, out var session))
            {
                return (new Caller(accessKeyId, null, session), session.Secret);
            }

            return null;
        }
    }

    public void AddSession(SessionRecord session)
    {
        lock (_gate)
        {
            _sessions.Add(session.AccessKeyId, session);
        }
    }

    public List<SessionRecord> Sessions()
    {
        lock (_gate)
        {
            return [.. _sessions.Values];
        }
    }

    /// <summary>Whether the role's trust list admits this caller.</summary>
    public static bool Trusts(RolePrincipal role, Caller caller)
    {
        foreach (var trusted in role.TrustedPrincipals)
        {
            var admits = trusted == "*"
                || string.Equals(trusted, caller.Arn, StringComparison.Ordinal)
                || (caller.Session is not null && trusted == caller.Session.Role.Arn)
                || trusted == caller.AccountId
                || trusted == $"arn:aws:iam::{caller.AccountId}:root";
            if (admits)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Evaluates the caller's permissions for an IAM action: identity grants, the role's inline policies
    /// (as far as propagated), and the session policy.
    /// </summary>
    public AccessDecision Evaluate(Caller caller, string action)
    {
        lock (_gate)
        {
            if (caller.User is { } user)
            {
                return Matches(user.AllowedActions, action) ? AccessDecision.Allowed : AccessDecision.ImplicitDeny;
            }

            var session = caller.Session!;
            var context = ContextOf(session);
            var inline = EnforcedPolicies(session.Role);
            var all = session.SessionPolicy is null ? inline : [.. inline, session.SessionPolicy];
            bool Applies(PolicyStatement s, bool allow) =>
                s.IsAllow == allow && s.MatchesAction(action) && s.ConditionsHold(context);

            if (all.SelectMany(d => d.Statements).Any(s => Applies(s, allow: false)))
            {
                return AccessDecision.ExplicitDeny;
            }

            var roleAllows = Matches(session.Role.AllowedActions, action) ||
                inline.SelectMany(d => d.Statements).Any(s => Applies(s, allow: true));
            var sessionAllows = session.SessionPolicy is null ||
                session.SessionPolicy.Statements.Any(s => Applies(s, allow: true));
            return roleAllows && sessionAllows ? AccessDecision.Allowed : AccessDecision.ImplicitDeny;
        }
    }

    /// <summary>
    /// Stores a new version of an inline policy (null deletes it); enforcement waits for propagation.
    /// </summary>
    public void SetRolePolicy(
        RolePrincipal role, string policyName, string? document, PolicyDocument? parsed, bool immediately)
    {
        lock (_gate)
        {
            if (!role.InlinePolicies.TryGetValue(policyName, out var slot))
            {
                slot = new PolicySlot();
                role.InlinePolicies.Add(policyName, slot);
            }

            slot.Latest = document;
            slot.LatestDocument = parsed;
            slot.ChangedAt = Now;
            slot.CallsSinceChange = 0;
            slot.Pending = !immediately;
            if (immediately)
            {
                slot.Enforced = parsed;
            }

            if (slot.Latest is null && slot.Enforced is null)
            {
                role.InlinePolicies.Remove(policyName);
            }
        }
    }

    /// <summary>The latest inline policies of a role (name → document), as IAM reads show them.</summary>
    public SortedDictionary<string, string> RolePolicies(RolePrincipal role)
    {
        lock (_gate)
        {
            var result = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, slot) in role.InlinePolicies)
            {
                if (slot.Latest is not null)
                {
                    result.Add(name, slot.Latest);
                }
            }

            return result;
        }
    }

    public void AddFault(FakeFault fault)
    {
        lock (_gate)
        {
            _faults.Add(new FaultState(fault) { Remaining = fault.Times });
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The first live fault matching the call, consuming one of its uses.</summary>
    public FakeFault? TakeFault(string service, string action, string? bucket)
    {
        lock (_gate)
        {
            foreach (var state in _faults)
            {
                var fault = state.Fault;
                var matches = (fault.Action == "*" || fault.Action.Equals(action, StringComparison.OrdinalIgnoreCase))
                    && (fault.Service is null || fault.Service.Equals(service, StringComparison.OrdinalIgnoreCase))
                    && (fault.Bucket is null || string.Equals(fault.Bucket, bucket, StringComparison.Ordinal))
                    && state.Remaining is null or > 0;
                if (matches)
                {
                    state.Remaining--;
                    return fault;
                }
            }

            return null;
        }
    }

    public void Record(FakeRequestRecord record)
    {
        lock (_gate)
        {
            _log.Add(record);
        }
    }

    public List<FakeRequestRecord> Log()
    {
        lock (_gate)
        {
            return [.. _log];
        }
    }

    public void ClearLog()
    {
        lock (_gate)
        {
            _log.Clear();
        }
    }

    private List<PolicyDocument> EnforcedPolicies(RolePrincipal role)
    {
        var now = Now;
        var result = new List<PolicyDocument>();
        foreach (var slot in role.InlinePolicies.Values)
        {
            if (slot.Pending)
            {
                if (now - slot.ChangedAt >= _propagationDelay && slot.CallsSinceChange >= _propagationCalls)
                {
                    slot.Enforced = slot.LatestDocument;
                    slot.Pending = false;
                }
                else
                {
                    slot.CallsSinceChange++;
                }
            }

            if (slot.Enforced is not null)
            {
                result.Add(slot.Enforced);
            }
        }

        return result;
    }

    private Dictionary<string, string> ContextOf(SessionRecord session)
    {
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:userid"] = session.UserId,
            ["aws:PrincipalArn"] = session.Role.Arn,
            ["aws:PrincipalAccount"] = session.Role.AccountId,
            ["aws:TokenIssueTime"] = Xml.IsoSeconds(session.IssuedAt),
            ["aws:CurrentTime"] = Xml.IsoSeconds(Now),
        };
        if (session.SourceIdentity is not null)
        {
            context["aws:SourceIdentity"] = session.SourceIdentity;
        }

        // As in AWS, condition key names, tag keys included, match in any case; tag values stay exact.
        foreach (var (key, value) in session.Tags)
        {
            context["aws:PrincipalTag/" + key] = value;
        }

        return context;
    }

    private static bool Matches(IEnumerable<string> patterns, string action) =>
        patterns.Any(p => Glob.IsMatch(p, action, ignoreCase: true));

    private static void RequireName(string name, string what, int maxLength)
    {
        if (name.Length is 0 || name.Length > maxLength ||
            !name.All(c => char.IsAsciiLetterOrDigit(c) || "+=,.@_-".Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"{what} '{name}' must be 1 to {maxLength} characters of letters, digits and +=,.@_-.", nameof(name));
        }
    }

    private sealed class FaultState(FakeFault fault)
    {
        public FakeFault Fault { get; } = fault;

        public int? Remaining { get; set; }
    }
}
