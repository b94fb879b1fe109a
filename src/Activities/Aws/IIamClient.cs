namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// The IAM calls the revocation needs. Every method throws <see cref="AwsServiceError"/> on an AWS
/// error answer (for example <c>NoSuchEntity</c>, <c>LimitExceeded</c>); map it with
/// <see cref="AwsErrorMapping"/>. Shaped so the official AWSSDK.IdentityManagement client can stand behind
/// it later.
/// </summary>
public interface IIamClient
{
    /// <summary>GetRole: the role's name, id (<c>AROA…</c>) and ARN.</summary>
    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken = default);

    /// <summary>PutRolePolicy: creates or replaces the role's inline policy of that name.</summary>
    Task PutRolePolicyAsync(
        string roleName, string policyName, string policyDocument, CancellationToken cancellationToken = default);

    /// <summary>GetRolePolicy: the inline policy's document, URL-decoded JSON.</summary>
    Task<string> GetRolePolicyAsync(
        string roleName, string policyName, CancellationToken cancellationToken = default);

    /// <summary>ListRolePolicies: names of all the role's inline policies (all pages).</summary>
    Task<IReadOnlyList<string>> ListRolePoliciesAsync(
        string roleName, CancellationToken cancellationToken = default);

    /// <summary>DeleteRolePolicy: deletes the role's inline policy of that name.</summary>
    Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken = default);
}

/// <summary>An IAM role as GetRole returns it.</summary>
/// <param name="RoleId">Unique id, <c>AROA…</c>; with the session name it forms <c>aws:userid</c>.</param>
public sealed record IamRole(string RoleName, string RoleId, string Arn);
