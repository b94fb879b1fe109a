namespace AgentWorkflows.Verdicts.Tests;

/// <summary>Builds bucket policy JSON from readable fragments, each written as it would appear in the policy.</summary>
internal static class Policies
{
    public const string Objects = "\"arn:aws:s3:::example-bucket/*\"";
    public const string BucketAndObjects = "[\"arn:aws:s3:::example-bucket\", \"arn:aws:s3:::example-bucket/*\"]";

    /// <summary>A policy document holding the given statements.</summary>
    public static string Doc(params string[] statements) =>
        $$"""{"Version": "2012-10-17", "Statement": [{{string.Join(", ", statements)}}]}""";

    /// <summary>
    /// An Allow statement: <paramref name="principal"/> and <paramref name="action"/> are JSON fragments
    /// (<c>"\"*\""</c>, <c>{"AWS":"*"}</c>); <paramref name="condition"/> is the Condition object or null.
    /// </summary>
    public static string Allow(string principal, string action, string? condition = null, string? sid = null) =>
        Statement("Allow", "Principal", principal, "Action", action, condition, sid);

    public static string Deny(string principal, string action, string? condition = null) =>
        Statement("Deny", "Principal", principal, "Action", action, condition, null);

    public static string AllowNotPrincipal(string notPrincipal, string action, string? condition = null) =>
        Statement("Allow", "NotPrincipal", notPrincipal, "Action", action, condition, null);

    public static string AllowNotAction(string principal, string notAction) =>
        Statement("Allow", "Principal", principal, "NotAction", notAction, null, null);

    /// <summary>A public-read policy with one condition: <c>{"operator": {"key": values}}</c>.</summary>
    public static string StarGetObjectWhen(string op, string key, string values) =>
        Doc(Allow("\"*\"", "\"s3:GetObject\"", "{\"" + op + "\": {\"" + key + "\": " + values + "}}"));

    private static string Statement(string effect, string principalElement, string principal, string actionElement,
        string action, string? condition, string? sid)
    {
        var sidPart = sid is null ? string.Empty : $"\"Sid\": \"{sid}\", ";
        var conditionPart = condition is null ? string.Empty : $", \"Condition\": {condition}";
        return $$"""
            {{{sidPart}}"Effect": "{{effect}}", "{{principalElement}}": {{principal}},
             "{{actionElement}}": {{action}}, "Resource": {{BucketAndObjects}}{{conditionPart}}}
            """;
    }
}
