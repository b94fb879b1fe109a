namespace AgentWorkflows.AwsFake.Internal;

/// <summary>Authorization of a request against the caller's grants and policies.</summary>
internal static class Access
{
    /// <summary>Throws AccessDenied (403) unless the caller may perform the action.</summary>
    public static void Demand(FakeAwsState state, IncomingRequest request, string iamAction, string resource)
    {
        var caller = request.RequiredCaller;
        var decision = state.Evaluate(caller, iamAction);
        if (decision == AccessDecision.Allowed)
        {
            return;
        }

        var reason = decision == AccessDecision.ExplicitDeny
            ? "with an explicit deny in an identity-based policy"
            : $"because no identity-based policy allows the {iamAction} action";
        throw new AwsErrorException(403, "AccessDenied",
            $"User: {caller.Arn} is not authorized to perform: {iamAction} on resource: {resource} {reason}");
    }
}
