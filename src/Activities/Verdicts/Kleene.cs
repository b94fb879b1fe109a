namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// Three-valued logic on <c>bool?</c>, where null means "could not be read". A known true wins an OR and a
/// known false wins an AND, so one missing read does not hide what the other reads already prove.
/// </summary>
internal static class Kleene
{
    public static bool? Or(bool? left, bool? right) =>
        left == true || right == true ? true : left == false && right == false ? false : null;

    public static bool? And(bool? left, bool? right) =>
        left == false || right == false ? false : left == true && right == true ? true : null;

    public static bool? Not(bool? value) => value is null ? null : !value.Value;
}
