namespace AgentWorkflows.AwsFake.Internal;

/// <summary>Outcome of evaluating a caller's permissions for one action.</summary>
internal enum AccessDecision
{
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}
