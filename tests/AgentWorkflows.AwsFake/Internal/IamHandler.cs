using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>IAM over the query protocol (version 2010-05-08): role reads and inline role policies.</summary>
internal sealed class IamHandler(FakeAwsState state)
{
    private const int MaxAggregateInlinePolicyChars = 10240;

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["GetRole"] = "iam:GetRole",
        ["PutRolePolicy"] = "iam:PutRolePolicy",
        ["GetRolePolicy"] = "iam:GetRolePolicy",
        ["ListRolePolicies"] = "iam:ListRolePolicies",
        ["DeleteRolePolicy"] = "iam:DeleteRolePolicy",
    };

    public static OperationInfo Resolve(IncomingRequest request)
    {
        var action = request.Parameter("Action");
        return action is not null && Actions.TryGetValue(action, out var iamAction)
            ? new OperationInfo("iam", action, iamAction)
            : throw new AwsErrorException(400, "InvalidAction",
                $"Could not find operation {action ?? "(none)"} for version 2010-05-08");
    }

    public FakeResponse Execute(IncomingRequest request, OperationInfo operation, string requestId)
    {
        var caller = request.RequiredCaller;
        var roleName = Validate.Required(request, "RoleName", "roleName");
        Validate.Length(roleName, "roleName", 1, 64);
        Validate.Pattern(roleName, "roleName", Validate.NameCharacters, @"[\w+=,.@-]+");
        Access.Demand(state, request, operation.IamAction, $"arn:aws:iam::{caller.AccountId}:role/{roleName}");
        var role = state.FindRole(caller.AccountId, roleName) ?? throw new AwsErrorException(404, "NoSuchEntity",
            $"The role with name {roleName} cannot be found.");

        return operation.Action switch
        {
            "GetRole" => GetRole(role, requestId),
            "PutRolePolicy" => PutRolePolicy(request, role, requestId),
            "GetRolePolicy" => GetRolePolicy(request, role, requestId),
            "ListRolePolicies" => ListRolePolicies(request, role, requestId),
            _ => DeleteRolePolicy(request, role, requestId),
        };
    }

    private static FakeResponse GetRole(RolePrincipal role, string requestId)
    {
        var ns = Xml.Iam;
        return Xml.QueryResult(ns, "GetRole", requestId, new XElement(ns + "Role",
            new XElement(ns + "Path", "/"),
            new XElement(ns + "AssumeRolePolicyDocument", Uri.EscapeDataString(TrustPolicy(role))),
            new XElement(ns + "MaxSessionDuration",
                ((int)role.MaxSessionDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new XElement(ns + "RoleId", role.RoleId),
            new XElement(ns + "RoleName", role.Name),
            new XElement(ns + "Arn", role.Arn),
            new XElement(ns + "CreateDate", Xml.IsoSeconds(role.CreatedAt)),
            new XElement(ns + "RoleLastUsed")));
    }

    private FakeResponse PutRolePolicy(IncomingRequest request, RolePrincipal role, string requestId)
    {
        var policyName = PolicyName(request);
        var document = Validate.Required(request, "PolicyDocument", "policyDocument");
        Validate.Length(document, "policyDocument", 1, 131072);
        PolicyDocument parsed;
        try
        {
            parsed = PolicyDocument.Parse(document);
        }
        catch (FormatException e)
        {
            throw new AwsErrorException(400, "MalformedPolicyDocument", e.Message);
        }

        var others = state.RolePolicies(role)
            .Where(p => !string.Equals(p.Key, policyName, StringComparison.OrdinalIgnoreCase))
            .Sum(p => PolicySize(p.Value));
        if (others + PolicySize(document) > MaxAggregateInlinePolicyChars)
        {
            throw new AwsErrorException(409, "LimitExceeded",
                $"Maximum policy size of {MaxAggregateInlinePolicyChars} bytes exceeded for role {role.Name}");
        }

        state.SetRolePolicy(role, policyName, document, parsed, immediately: false);
        return Xml.QueryEmpty(Xml.Iam, "PutRolePolicy", requestId);
    }

    private FakeResponse GetRolePolicy(IncomingRequest request, RolePrincipal role, string requestId)
    {
        var policyName = PolicyName(request);
        var policies = state.RolePolicies(role);
        if (!policies.TryGetValue(policyName, out var document))
        {
            throw NoSuchPolicy(policyName);
        }

        var storedName = policies.Keys.First(k => string.Equals(k, policyName, StringComparison.OrdinalIgnoreCase));
        var ns = Xml.Iam;
        return Xml.QueryResult(ns, "GetRolePolicy", requestId,
            new XElement(ns + "RoleName", role.Name),
            new XElement(ns + "PolicyName", storedName),
            new XElement(ns + "PolicyDocument", Uri.EscapeDataString(document)));
    }

    private FakeResponse ListRolePolicies(IncomingRequest request, RolePrincipal role, string requestId)
    {
        var maxText = request.Parameter("MaxItems");
        var max = 100;
        if (maxText is not null &&
            (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1 || max > 1000))
        {
            throw new AwsErrorException(400, "ValidationError",
                $"1 validation error detected: Value '{maxText}' at 'maxItems' failed to satisfy constraint: " +
                "Member must have value between 1 and 1000");
        }

        var marker = request.Parameter("Marker");
        var names = state.RolePolicies(role).Keys
            .Where(n => marker is null || string.CompareOrdinal(n, marker) >= 0)
            .ToList();
        var page = names.Take(max).ToList();
        var truncated = names.Count > page.Count;
        var ns = Xml.Iam;
        return Xml.QueryResult(ns, "ListRolePolicies", requestId,
            new XElement(ns + "PolicyNames", page.Select(n => new XElement(ns + "member", n))),
            new XElement(ns + "IsTruncated", Xml.Bool(truncated)),
            truncated ? new XElement(ns + "Marker", names[page.Count]) : null);
    }

    private FakeResponse DeleteRolePolicy(IncomingRequest request, RolePrincipal role, string requestId)
    {
        var policyName = PolicyName(request);
        if (!state.RolePolicies(role).ContainsKey(policyName))
        {
            throw NoSuchPolicy(policyName);
        }

        state.SetRolePolicy(role, policyName, null, null, immediately: false);
        return Xml.QueryEmpty(Xml.Iam, "DeleteRolePolicy", requestId);
    }

    private static string PolicyName(IncomingRequest request)
    {
        var name = Validate.Required(request, "PolicyName", "policyName");
        Validate.Length(name, "policyName", 1, 128);
        Validate.Pattern(name, "policyName", Validate.NameCharacters, @"[\w+=,.@-]+");
        return name;
    }

    /// <summary>IAM counts policy size without whitespace.</summary>
    private static int PolicySize(string document) => document.Count(c => !char.IsWhiteSpace(c));

    private static AwsErrorException NoSuchPolicy(string policyName) =>
        new(404, "NoSuchEntity", $"The role policy with name {policyName} cannot be found.");

    private static string TrustPolicy(RolePrincipal role)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            json.WriteStartObject();
            json.WriteString("Effect", "Allow");
            json.WriteStartObject("Principal");
            json.WriteStartArray("AWS");
            foreach (var principal in role.TrustedPrincipals)
            {
                json.WriteStringValue(principal);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("Action", "sts:AssumeRole");
            if (role.RequiredExternalId is not null)
            {
                json.WriteStartObject("Condition");
                json.WriteStartObject("StringEquals");
                json.WriteString("sts:ExternalId", role.RequiredExternalId);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
