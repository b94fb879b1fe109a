using System.Text;
using System.Text.Json;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Reads a bucket policy (parsed once with <see cref="JsonDocument"/>) and finds the Allow statements
/// that are public: a wildcard principal (<c>"*"</c>, <c>{"AWS":"*"}</c>, <c>{"AWS":["*"]}</c>, any
/// principal value containing <c>*</c>) or a NotPrincipal (an Allow to everyone but the listed), that no
/// condition pins (<see cref="ConditionPins"/>). Deny statements grant nothing and are skipped. Service
/// principals and the owner's own account are not public; other named accounts are reported as
/// <see cref="FindingKind.CrossAccountLimited"/>. String-or-array forms are accepted everywhere.
/// </summary>
internal static class PolicyReader
{
    private const int AccountIdLength = 12;
    private const int ArnAccountField = 4;

    public static PolicyReading? TryRead(string json, string ownerAccountId, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!PolicyJson.TryGetProperty(root, "Statement", out var statements))
            {
                error = "the policy has no Statement element";
                return null;
            }

            var publicGrants = new List<PolicyGrant>();
            var limited = new List<Finding>();
            if (statements.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var statement in statements.EnumerateArray())
                {
                    ReadStatement(statement, index++, ownerAccountId, publicGrants, limited);
                }
            }
            else
            {
                ReadStatement(statements, 0, ownerAccountId, publicGrants, limited);
            }

            error = null;
            return new PolicyReading(publicGrants, limited);
        }
        catch (JsonException ex)
        {
            error = $"the policy is not valid JSON ({ex.Message})";
            return null;
        }
    }

    private static void ReadStatement(
        JsonElement statement, int index, string owner, List<PolicyGrant> publicGrants, List<Finding> limited)
    {
        if (statement.ValueKind != JsonValueKind.Object || !IsAllow(statement))
        {
            return;
        }

        string principal;
        bool everyone;
        IReadOnlyList<string> otherAccounts = [];
        if (PolicyJson.TryGetProperty(statement, "NotPrincipal", out var notPrincipal))
        {
            principal = "NotPrincipal:" + DescribePrincipal(notPrincipal, owner, out _, out _);
            everyone = true;
        }
        else if (PolicyJson.TryGetProperty(statement, "Principal", out var named))
        {
            principal = DescribePrincipal(named, owner, out everyone, out otherAccounts);
        }
        else
        {
            return;
        }

        var sid = PolicyJson.TryGetProperty(statement, "Sid", out var sidElement)
            && sidElement.ValueKind == JsonValueKind.String ? sidElement.GetString() : null;
        var actions = ReadActions(statement, out var classes);
        if (everyone)
        {
            var pin = ConditionPins.FindPin(statement);
            if (pin is null)
            {
                publicGrants.Add(new PolicyGrant(index, sid, principal, actions, classes, PublicRule(statement)));
            }
            else
            {
                limited.Add(Limited(index, sid, principal, actions, $"wildcard principal pinned by {pin}"));
            }
        }
        else if (otherAccounts.Count > 0)
        {
            var rule = $"grant to principals of account(s) {string.Join(", ", otherAccounts)}, not the owner";
            limited.Add(Limited(index, sid, principal, actions, rule));
        }
    }

    private static bool IsAllow(JsonElement statement) =>
        PolicyJson.TryGetProperty(statement, "Effect", out var effect)
        && effect.ValueKind == JsonValueKind.String
        && string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase);

    private static string PublicRule(JsonElement statement)
    {
        if (PolicyJson.TryGetProperty(statement, "NotPrincipal", out _))
        {
            return "NotPrincipal in an Allow grants everyone except the listed principals; no condition pins it";
        }

        return PolicyJson.TryGetProperty(statement, "Condition", out _)
            ? "wildcard principal; no condition pins it to a fixed value on a limiting key"
            : "wildcard principal without any condition";
    }

    private static Finding Limited(int index, string? sid, string principal, IReadOnlyList<string> actions,
        string rule) =>
        new(FindingKind.CrossAccountLimited, FindingSeverity.Low, FindingSource.BucketPolicy, index, sid,
            principal, actions, rule);

    private static IReadOnlyList<string> ReadActions(JsonElement statement, out AccessClasses classes)
    {
        if (PolicyJson.TryGetProperty(statement, "Action", out var action))
        {
            var list = Strings(action);
            classes = S3ActionClassifier.ForActions(list);
            return list;
        }

        if (PolicyJson.TryGetProperty(statement, "NotAction", out var notAction))
        {
            var excluded = Strings(notAction);
            classes = S3ActionClassifier.ForNotActions(excluded);
            return excluded.Select(a => "NotAction:" + a).ToArray();
        }

        classes = AccessClasses.Other;
        return [];
    }

    private static string[] Strings(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return [.. list];
    }

    /// <summary>
    /// Writes the principal as evidence (<c>*</c>, <c>AWS:*</c>, <c>Service:logging.s3.amazonaws.com</c>)
    /// and tells whether it reaches everyone and which named AWS accounts other than the owner it names.
    /// </summary>
    private static string DescribePrincipal(
        JsonElement principal, string owner, out bool everyone, out IReadOnlyList<string> otherAccounts)
    {
        everyone = false;
        var accounts = new List<string>();
        otherAccounts = accounts;
        if (principal.ValueKind == JsonValueKind.String)
        {
            var value = principal.GetString()!;
            everyone = value.Contains('*', StringComparison.Ordinal);
            return value;
        }

        if (principal.ValueKind != JsonValueKind.Object)
        {
            return principal.GetRawText();
        }

        var text = new StringBuilder();
        foreach (var entry in principal.EnumerateObject())
        {
            var isAws = string.Equals(entry.Name, "AWS", StringComparison.OrdinalIgnoreCase);
            foreach (var value in Strings(entry.Value))
            {
                text.Append(text.Length == 0 ? string.Empty : ", ").Append(entry.Name).Append(':').Append(value);
                if (value.Contains('*', StringComparison.Ordinal))
                {
                    everyone = true;
                }
                else if (isAws && AccountOf(value) is var account && account != owner)
                {
                    accounts.Add(account);
                }
            }
        }

        return text.ToString();
    }

    private static string AccountOf(string awsPrincipal)
    {
        if (awsPrincipal.Length == AccountIdLength && awsPrincipal.All(char.IsAsciiDigit))
        {
            return awsPrincipal;
        }

        var fields = awsPrincipal.Split(':');
        return fields.Length > ArnAccountField && fields[0] == "arn" ? fields[ArnAccountField] : awsPrincipal;
    }
}
