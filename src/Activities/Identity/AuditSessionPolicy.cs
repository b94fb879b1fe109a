using System.Text.Json;

namespace AgentWorkflows.Activities.Identity;

/// <summary>
/// The inline session policy passed to AssumeRole. The session's permissions are the intersection of
/// the role's policies and this one, so even a broad audit role yields a session that can only make
/// the read calls the audit needs.
/// </summary>
public static class AuditSessionPolicy
{
    /// <summary>Every action the session may call; all are reads.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketPolicyStatus",
        "s3:GetBucketPolicy",
        "s3:GetBucketAcl",
        "s3:GetBucketOwnershipControls",
        "s3:GetAccountPublicAccessBlock",
    ];

    /// <summary>The policy document as compact JSON (it counts against STS's packed-policy limit).</summary>
    public static string Json { get; } = Build();

    private static string Build()
    {
        var document = new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Sid"] = "AuditReadOnly",
                    ["Effect"] = "Allow",
                    ["Action"] = Actions,
                    ["Resource"] = "*",
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }
}
