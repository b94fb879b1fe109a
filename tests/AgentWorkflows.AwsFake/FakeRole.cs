namespace AgentWorkflows.AwsFake;

/// <summary>A seeded IAM role.</summary>
/// <param name="RoleId">Unique id, <c>AROA</c> followed by 17 characters.</param>
/// <param name="Arn"><c>arn:aws:iam::ACCOUNT:role/NAME</c>.</param>
/// <param name="Name">Role name.</param>
/// <param name="AccountId">Owning account.</param>
public sealed record FakeRole(string RoleId, string Arn, string Name, string AccountId);
