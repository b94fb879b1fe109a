namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// Checks, before any connection, that <c>--report-dir</c> can be written: otherwise the whole audit
/// would run under live credentials only to end ReportNotWritten. It creates nothing that stays: the
/// directory itself is made by the report writer, and the probe file deletes itself on close.
/// </summary>
internal static class ReportDirectoryCheck
{
    /// <summary>Why <paramref name="directory"/> cannot take the report, or null when it can.</summary>
    public static string? Problem(string directory)
    {
        var existing = directory;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"--report-dir '{directory}' cannot be created: '{existing}' is a file, not a directory";
            }

            var parent = Path.GetDirectoryName(existing);
            if (string.IsNullOrEmpty(parent))
            {
                return $"--report-dir '{directory}' cannot be created: no part of its path exists";
            }

            existing = parent;
        }

        var probe = Path.Combine(existing, $".agentworkflows-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--report-dir '{directory}' is not writable ('{existing}': {e.Message})";
        }
    }
}
