namespace AgentWorkflows.Workflows;

/// <summary>Phases of a run, as <see cref="AuditProgress.Phase"/> reports them.</summary>
public static class AuditPhase
{
    public const string Validating = "Validating";
    public const string AssumingRole = "AssumingRole";
    public const string ReadingAccountBlock = "ReadingAccountBlock";
    public const string Scanning = "Scanning";
    public const string WritingReport = "WritingReport";
    public const string Revoking = "Revoking";
    public const string ProvingRevocation = "ProvingRevocation";
    public const string Done = "Done";
}
