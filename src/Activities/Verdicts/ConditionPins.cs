using System.Text.Json;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Decides whether a statement's Condition pins a wildcard grant to fixed values, which makes it
/// non-public in S3's sense. One pinning key is enough (condition blocks are ANDed).
/// <para>Keys (case-insensitive): the S3 user guide's list (<c>aws:SourceVpce</c>, <c>aws:SourceVpc</c>,
/// <c>aws:SourceIp</c>, <c>aws:SourceArn</c>, <c>aws:SourceOwner</c>, <c>aws:SourceAccount</c>,
/// <c>aws:PrincipalOrgID</c>, <c>aws:userid</c>, <c>s3:x-amz-server-side-encryption-aws-kms-key-id</c>,
/// <c>s3:DataAccessPointArn</c>, <c>s3:DataAccessPointAccount</c>) plus <c>aws:PrincipalAccount</c> and
/// <c>aws:PrincipalArn</c>: a fixed value there names one account or principal, which is what a
/// non-wildcard Principal would do. Keys not on the list (aws:PrincipalOrgPaths, aws:SourceOrgID,
/// aws:Referer ...) never pin.</para>
/// <para>Operators: only those that require the request's value to equal one of the listed values pin:
/// StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals, ArnLike (string keys) and IpAddress
/// (aws:SourceIp only), also under <c>ForAnyValue:</c> (which is false when the key is missing). They do
/// not pin with an <c>IfExists</c> suffix or under <c>ForAllValues:</c> (both true when the key is
/// missing), nor do negated operators (StringNotEquals, NotIpAddress, ArnNotLike ...), Null, Bool,
/// numeric, date or binary operators.</para>
/// <para>Values: every value must be fixed: a string without <c>*</c>, <c>?</c> or a policy variable
/// <c>${...}</c> (so <c>aws:userid</c> of the form <c>AROLEID:*</c> never pins), or a number; an empty
/// list, null or boolean never pins. For aws:SourceIp every range must pass <see cref="SourceIpWidth"/>.</para>
/// </summary>
internal static class ConditionPins
{
    private const string SourceIpKey = "aws:SourceIp";
    private const string ForAnyValuePrefix = "ForAnyValue:";

    private static readonly string[] StringKeys =
    [
        "aws:SourceVpce", "aws:SourceVpc", "aws:SourceArn", "aws:SourceOwner", "aws:SourceAccount",
        "aws:PrincipalOrgID", "aws:userid", "s3:x-amz-server-side-encryption-aws-kms-key-id",
        "s3:DataAccessPointArn", "s3:DataAccessPointAccount", "aws:PrincipalAccount", "aws:PrincipalArn",
    ];

    private static readonly string[] StringOperators =
        ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"];

    /// <summary>Returns the pinning condition as text (operator, key, values), or null when none pins.</summary>
    public static string? FindPin(JsonElement statement)
    {
        if (!PolicyJson.TryGetProperty(statement, "Condition", out var condition)
            || condition.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var block in condition.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var family = OperatorFamily(block.Name);
            if (family == PinFamily.None)
            {
                continue;
            }

            foreach (var entry in block.Value.EnumerateObject())
            {
                if (IsPinningEntry(family, entry.Name, entry.Value))
                {
                    return $"{block.Name} {entry.Name} = {entry.Value.GetRawText()}";
                }
            }
        }

        return null;
    }

    private static PinFamily OperatorFamily(string name)
    {
        var op = name.AsSpan();
        if (op.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            op = op[ForAnyValuePrefix.Length..];
        }

        if (op.Equals("IpAddress", StringComparison.OrdinalIgnoreCase))
        {
            return PinFamily.Ip;
        }

        foreach (var candidate in StringOperators)
        {
            if (op.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return PinFamily.String;
            }
        }

        return PinFamily.None;
    }

    private static bool IsPinningEntry(PinFamily family, string key, JsonElement values)
    {
        if (string.Equals(key, SourceIpKey, StringComparison.OrdinalIgnoreCase))
        {
            return family == PinFamily.Ip && AllValues(values, SourceIpWidth.IsPinning);
        }

        return family == PinFamily.String && IsStringKey(key) && AllValues(values, IsFixed);
    }

    private static bool IsStringKey(string key)
    {
        foreach (var candidate in StringKeys)
        {
            if (string.Equals(key, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllValues(JsonElement values, Func<string, bool> isPinning)
    {
        if (values.ValueKind != JsonValueKind.Array)
        {
            return IsPinningScalar(values, isPinning);
        }

        var count = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (!IsPinningScalar(value, isPinning))
            {
                return false;
            }

            count++;
        }

        return count > 0;
    }

    private static bool IsPinningScalar(JsonElement value, Func<string, bool> isPinning) =>
        value.ValueKind switch
        {
            JsonValueKind.String => isPinning(value.GetString()!),
            JsonValueKind.Number => isPinning(value.GetRawText()),
            _ => false,
        };

    private static bool IsFixed(string value) =>
        value.AsSpan().IndexOfAny('*', '?') < 0 && !value.Contains("${", StringComparison.Ordinal);

    private enum PinFamily
    {
        None,
        String,
        Ip,
    }
}
