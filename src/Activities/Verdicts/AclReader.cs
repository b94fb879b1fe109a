namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// An ACL is public if and only if it grants something to the AllUsers or AuthenticatedUsers group.
/// LogDelivery, canonical users and e-mail grantees are never public. READ and READ_ACP count as read;
/// WRITE, WRITE_ACP (which lets the grantee rewrite the ACL) and FULL_CONTROL count as write.
/// </summary>
internal static class AclReader
{
    private const string AllUsers = "acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsers = "acs.amazonaws.com/groups/global/AuthenticatedUsers";

    public static IReadOnlyList<Finding> PublicGrants(IReadOnlyList<AclGrant> grants)
    {
        var findings = new List<Finding>();
        foreach (var grant in grants)
        {
            var group = GroupPath(grant.Grantee);
            var anyone = string.Equals(group, AllUsers, StringComparison.OrdinalIgnoreCase);
            var anyAccount = string.Equals(group, AuthenticatedUsers, StringComparison.OrdinalIgnoreCase);
            if (!anyone && !anyAccount)
            {
                continue;
            }

            var write = !IsReadPermission(grant.Permission);
            var kind = anyAccount
                ? FindingKind.AnyAuthenticatedAwsAccount
                : write ? FindingKind.PublicAclWrite : FindingKind.PublicAclRead;
            var severity = write ? FindingSeverity.Critical : FindingSeverity.High;
            var who = anyone ? "AllUsers (anyone, unsigned requests included)" : "AuthenticatedUsers (any AWS account)";
            findings.Add(new Finding(kind, severity, FindingSource.BucketAcl, null, null, grant.Grantee,
                [grant.Permission], $"bucket ACL grants {grant.Permission} to {who}"));
        }

        return findings;
    }

    private static bool IsReadPermission(string permission) =>
        string.Equals(permission, "READ", StringComparison.OrdinalIgnoreCase)
        || string.Equals(permission, "READ_ACP", StringComparison.OrdinalIgnoreCase);

    // S3 writes the group URI with http://; accept https:// and a trailing slash as the same group.
    private static string GroupPath(string grantee)
    {
        var path = grantee.AsSpan().Trim().TrimEnd('/');
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            path = path["http://".Length..];
        }
        else if (path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            path = path["https://".Length..];
        }

        return path.ToString();
    }
}
