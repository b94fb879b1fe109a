namespace AgentWorkflows.Activities.Verdicts;

/// <summary>What a set of actions lets a principal do, as the findings report it.</summary>
[Flags]
internal enum AccessClasses
{
    None = 0,
    Read = 1,
    List = 2,
    Write = 4,
    Other = 8,
}
