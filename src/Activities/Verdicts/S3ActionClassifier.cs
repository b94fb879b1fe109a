namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Sorts the actions of a statement into read (s3:Get*), list (s3:List*) and write (every other S3
/// verb: Put, Delete, Abort, Restore, Replicate, Create, Bypass ...). A wildcard pattern is matched
/// against a catalogue of S3 actions, so <c>s3:*</c>, <c>*</c> and <c>s3:*Object</c> count for every
/// family they reach; NotAction grants the catalogue minus what it names. A literal S3 action missing
/// from the catalogue is sorted by its verb; anything outside S3 is <see cref="AccessClasses.Other"/>.
/// </summary>
internal static class S3ActionClassifier
{
    private static readonly string[] Catalogue =
    [
        "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
        "s3:GetObjectTagging", "s3:GetObjectAttributes", "s3:GetObjectRetention", "s3:GetObjectLegalHold",
        "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketWebsite",
        "s3:GetBucketCORS", "s3:GetBucketVersioning", "s3:GetBucketTagging", "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration", "s3:GetBucketPublicAccessBlock", "s3:GetBucketOwnershipControls",
        "s3:GetBucketPolicyStatus", "s3:GetBucketLogging", "s3:GetReplicationConfiguration",
        "s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts",
        "s3:ListAllMyBuckets",
        "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:PutObjectTagging",
        "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:DeleteObject", "s3:DeleteObjectVersion",
        "s3:DeleteObjectTagging", "s3:AbortMultipartUpload", "s3:RestoreObject", "s3:ReplicateObject",
        "s3:ReplicateDelete", "s3:BypassGovernanceRetention", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
        "s3:PutBucketAcl", "s3:PutBucketWebsite", "s3:DeleteBucketWebsite", "s3:PutBucketCORS",
        "s3:PutBucketVersioning", "s3:PutBucketTagging", "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration", "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls",
        "s3:PutBucketLogging", "s3:PutReplicationConfiguration", "s3:DeleteBucket", "s3:CreateBucket",
    ];

    public static AccessClasses ForActions(IReadOnlyList<string> patterns)
    {
        var classes = AccessClasses.None;
        foreach (var pattern in patterns)
        {
            classes |= ForPattern(pattern);
        }

        return classes;
    }

    public static AccessClasses ForNotActions(IReadOnlyList<string> excluded)
    {
        var classes = AccessClasses.None;
        foreach (var action in Catalogue)
        {
            if (!MatchesAny(excluded, action))
            {
                classes |= ForLiteral(action);
            }
        }

        // Excluding every S3 action still leaves other services' actions granted.
        return classes == AccessClasses.None ? AccessClasses.Other : classes;
    }

    private static AccessClasses ForPattern(string pattern)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return ForLiteral(pattern);
        }

        var classes = AccessClasses.None;
        foreach (var action in Catalogue)
        {
            if (Glob.IsMatch(pattern, action))
            {
                classes |= ForLiteral(action);
            }
        }

        return classes == AccessClasses.None ? AccessClasses.Other : classes;
    }

    private static AccessClasses ForLiteral(string action)
    {
        if (!action.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))
        {
            return AccessClasses.Other;
        }

        var verb = action.AsSpan(3);
        if (verb.StartsWith("Get", StringComparison.OrdinalIgnoreCase))
        {
            return AccessClasses.Read;
        }

        return verb.StartsWith("List", StringComparison.OrdinalIgnoreCase) ? AccessClasses.List : AccessClasses.Write;
    }

    private static bool MatchesAny(IReadOnlyList<string> patterns, string action)
    {
        foreach (var pattern in patterns)
        {
            if (Glob.IsMatch(pattern, action))
            {
                return true;
            }
        }

        return false;
    }
}
