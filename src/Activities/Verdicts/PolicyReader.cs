using System.Text;
using System.Text.Json;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Reads a bucket policy (parsed once with <see cref="JsonDocument"/>) and finds the Allow statements
/// that are public: a wildcard principal (<c>"*"</c>, <c>{"AWS":"*"}</c>, <c>{"AWS":["*"]}</c>, any
/// principal value containing <c>*</c>) or a NotPrincipal (an Allow to everyone but the listed), that no
/// condition pins (<see cref="ConditionPins"/>). Deny statements grant nothing. Service principals and the
/// owner's own account are not public; other named accounts are reported as
/// <see cref="FindingKind.CrossAccountLimited"/>.
/// <para>Every element is read only in its documented form, and anything else is a problem, never
/// skipped: Version, Id and Sid are strings; Statement is an object or an array of objects; Effect is
/// "Allow" or "Deny"; Principal and NotPrincipal are a string holding <c>*</c> or an object mapping AWS,
/// Service, Federated or CanonicalUser to a string or array of strings; Action, NotAction, Resource and
/// NotResource are a string or an array of strings; Condition is an object of operators, each an object
/// of keys, each a string, number or boolean or an array of those. Exactly one of Principal/NotPrincipal
/// and of Action/NotAction, and at most one of Resource/NotResource, must be given; unknown elements are
/// problems. Names are matched case-insensitively, so a key given twice (even in another case) at any of
/// these levels is a problem too: JSON parsers disagree on which copy wins.</para>
/// <para>A statement with a problem gives no finding. The caller turns problems into a gap, so the
/// policy is public when some readable statement is, and otherwise unknown, never "not public".</para>
/// </summary>
internal static class PolicyReader
{
    private const int AccountIdLength = 12;
    private const int ArnAccountField = 4;

    private static readonly string[] DocumentElements = ["Version", "Id", "Statement"];

    private static readonly string[] StatementElements =
    [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ];

    private static readonly string[] PrincipalKinds = ["AWS", "Service", "Federated", "CanonicalUser"];

    /// <summary>
    /// Reads the policy. Never throws for bad input: invalid JSON and every part that does not have its
    /// documented type come back as <see cref="PolicyReading.Problems"/>.
    /// </summary>
    public static PolicyReading Read(string json, string ownerAccountId)
    {
        var publicGrants = new List<PolicyGrant>();
        var limited = new List<Finding>();
        var problems = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json);
            ReadDocument(document.RootElement, ownerAccountId, publicGrants, limited, problems);
        }
        catch (JsonException ex)
        {
            problems.Add($"the policy is not valid JSON ({ex.Message})");
        }
        catch (ArgumentException ex)
        {
            problems.Add($"the policy text cannot be decoded ({ex.Message})");
        }

        return new PolicyReading(publicGrants, limited, problems);
    }

    private static void ReadDocument(JsonElement root, string owner, List<PolicyGrant> publicGrants,
        List<Finding> limited, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"the policy is {PolicyJson.KindOf(root)}, expected an object");
            return;
        }

        var members = PolicyJson.Members(root, "policy", DocumentElements, problems);
        ExpectString(members, "Version", "policy", problems);
        ExpectString(members, "Id", "policy", problems);

        // A duplicated Statement key is already a problem; every copy is still read (statements numbered
        // on from one copy to the next), so a public statement in any of them is not hidden.
        var index = 0;
        var copies = root.EnumerateObject()
            .Where(p => string.Equals(p.Name, "Statement", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Value)
            .ToList();
        if (copies.Count == 0)
        {
            problems.Add("the policy has no Statement element");
        }

        foreach (var statements in copies)
        {
            if (statements.ValueKind == JsonValueKind.Object)
            {
                ReadStatement(statements, index++, owner, publicGrants, limited, problems);
            }
            else if (statements.ValueKind == JsonValueKind.Array)
            {
                foreach (var statement in statements.EnumerateArray())
                {
                    ReadStatement(statement, index++, owner, publicGrants, limited, problems);
                }
            }
            else
            {
                problems.Add($"policy: Statement is {PolicyJson.KindOf(statements)}, " +
                    "expected an object or an array of objects");
            }
        }
    }

    private static void ReadStatement(JsonElement statement, int index, string owner,
        List<PolicyGrant> publicGrants, List<Finding> limited, List<string> problems)
    {
        var where = $"statement #{index}";
        if (statement.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where} is {PolicyJson.KindOf(statement)}, expected an object");
            return;
        }

        var before = problems.Count;
        var members = PolicyJson.Members(statement, where, StatementElements, problems);
        var sid = ExpectString(members, "Sid", where, problems);
        var effect = ReadEffect(members, where, problems);
        var principalElement = OneOf(members, "Principal", "NotPrincipal", where, problems);
        var actionElement = OneOf(members, "Action", "NotAction", where, problems);
        var resourceElement = OneOf(members, "Resource", "NotResource", where, problems, required: false);
        string[]? actionList = null;
        if (actionElement is { } action)
        {
            actionList = PolicyJson.Strings(action.Value, where, action.Name, problems);
        }

        if (resourceElement is { } resource)
        {
            PolicyJson.Strings(resource.Value, where, resource.Name, problems);
        }

        if (principalElement is { } principalPart)
        {
            CheckPrincipal(principalPart.Value, where, principalPart.Name, problems);
        }

        if (members.TryGetValue("Condition", out var condition))
        {
            CheckCondition(condition, where, problems);
        }

        // A statement with any unreadable part gives no finding: what it grants cannot be told.
        if (problems.Count > before || effect != true || principalElement is null || actionElement is null
            || actionList is null)
        {
            return;
        }

        string principal;
        bool everyone;
        IReadOnlyList<string> otherAccounts = [];
        var isNotPrincipal = string.Equals(principalElement.Value.Name, "NotPrincipal", StringComparison.Ordinal);
        if (isNotPrincipal)
        {
            principal = "NotPrincipal:" + DescribePrincipal(principalElement.Value.Value, owner, out _, out _);
            everyone = true;
        }
        else
        {
            principal = DescribePrincipal(principalElement.Value.Value, owner, out everyone, out otherAccounts);
        }

        var isNotAction = string.Equals(actionElement.Value.Name, "NotAction", StringComparison.Ordinal);
        var actions = ReadActions(isNotAction, actionList, out var classes);
        if (everyone)
        {
            var pin = ConditionPins.FindPin(statement);
            if (pin is null)
            {
                var rule = PublicRule(isNotPrincipal, members.ContainsKey("Condition"));
                publicGrants.Add(new PolicyGrant(index, sid, principal, actions, classes, rule));
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

    private static string? ExpectString(
        Dictionary<string, JsonElement> members, string name, string where, List<string> problems)
    {
        if (!members.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{where}: {name} is {PolicyJson.KindOf(value)}, expected a string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>True for "Allow", false for "Deny" (any case); null after adding a problem otherwise.</summary>
    private static bool? ReadEffect(Dictionary<string, JsonElement> members, string where, List<string> problems)
    {
        if (!members.ContainsKey("Effect"))
        {
            problems.Add($"{where}: Effect is missing, expected \"Allow\" or \"Deny\"");
            return null;
        }

        var effect = ExpectString(members, "Effect", where, problems);
        if (string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(effect, "Deny", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (effect is not null)
        {
            problems.Add($"{where}: Effect \"{effect}\" is neither \"Allow\" nor \"Deny\"");
        }

        return null;
    }

    /// <summary>
    /// The element present of a pair such as Principal/NotPrincipal. Both present is a problem; neither
    /// present is a problem when the pair is required.
    /// </summary>
    private static (string Name, JsonElement Value)? OneOf(Dictionary<string, JsonElement> members, string name,
        string negated, string where, List<string> problems, bool required = true)
    {
        var hasPlain = members.TryGetValue(name, out var plain);
        var hasNegated = members.TryGetValue(negated, out var negatedValue);
        if (hasPlain && hasNegated)
        {
            problems.Add($"{where}: both {name} and {negated} are given, expected one of them");
            return null;
        }

        if (!hasPlain && !hasNegated)
        {
            if (required)
            {
                problems.Add($"{where}: neither {name} nor {negated} is given, expected one of them");
            }

            return null;
        }

        return hasPlain ? (name, plain) : (negated, negatedValue);
    }

    /// <summary>
    /// A principal is a string holding <c>*</c> or an object mapping AWS, Service, Federated or
    /// CanonicalUser to a string or an array of strings.
    /// </summary>
    private static void CheckPrincipal(JsonElement principal, string where, string name, List<string> problems)
    {
        if (principal.ValueKind == JsonValueKind.String)
        {
            if (!principal.GetString()!.Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"{where}: {name} is the string \"{principal.GetString()}\", expected \"*\" or an " +
                    "object such as {\"AWS\": ...}");
            }

            return;
        }

        if (principal.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: {name} is {PolicyJson.KindOf(principal)}, expected \"*\" or an object " +
                "mapping AWS, Service, Federated or CanonicalUser to a string or an array of strings");
            return;
        }

        foreach (var (kind, values) in PolicyJson.Members(principal, $"{where} {name}", PrincipalKinds, problems))
        {
            PolicyJson.Strings(values, where, $"{name}.{kind}", problems);
        }
    }

    /// <summary>
    /// A condition is an object of operators, each an object of keys, each a string, number or boolean or
    /// an array of those.
    /// </summary>
    private static void CheckCondition(JsonElement condition, string where, List<string> problems)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: Condition is {PolicyJson.KindOf(condition)}, expected an object of operators");
            return;
        }

        foreach (var (op, block) in PolicyJson.Members(condition, $"{where} Condition", null, problems))
        {
            if (block.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: Condition operator \"{op}\" is {PolicyJson.KindOf(block)}, " +
                    "expected an object of condition keys");
                continue;
            }

            foreach (var (key, values) in PolicyJson.Members(block, $"{where} Condition \"{op}\"", null, problems))
            {
                CheckConditionValues(values, $"{where}: Condition \"{op}\" key \"{key}\"", problems);
            }
        }
    }

    private static void CheckConditionValues(JsonElement values, string where, List<string> problems)
    {
        const string Expected = "expected a string, number or boolean or an array of those";
        if (values.ValueKind != JsonValueKind.Array)
        {
            if (!IsConditionScalar(values))
            {
                problems.Add($"{where} is {PolicyJson.KindOf(values)}, {Expected}");
            }

            return;
        }

        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (!IsConditionScalar(value))
            {
                problems.Add($"{where} item {index} is {PolicyJson.KindOf(value)}, {Expected}");
                return;
            }

            index++;
        }
    }

    private static bool IsConditionScalar(JsonElement value) => value.ValueKind is JsonValueKind.String
        or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string PublicRule(bool isNotPrincipal, bool hasCondition)
    {
        if (isNotPrincipal)
        {
            return "NotPrincipal in an Allow grants everyone except the listed principals; no condition pins it";
        }

        return hasCondition
            ? "wildcard principal; no condition pins it to a fixed value on a limiting key"
            : "wildcard principal without any condition";
    }

    private static Finding Limited(int index, string? sid, string principal, IReadOnlyList<string> actions,
        string rule) =>
        new(FindingKind.CrossAccountLimited, FindingSeverity.Low, FindingSource.BucketPolicy, index, sid,
            principal, actions, rule);

    private static IReadOnlyList<string> ReadActions(bool isNotAction, string[] list, out AccessClasses classes)
    {
        if (isNotAction)
        {
            classes = S3ActionClassifier.ForNotActions(list);
            return list.Select(a => "NotAction:" + a).ToArray();
        }

        classes = S3ActionClassifier.ForActions(list);
        return list;
    }

    private static string[] Strings(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        return element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)
                .ToArray()
            : [];
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
