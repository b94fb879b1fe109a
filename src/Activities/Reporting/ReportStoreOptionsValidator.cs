using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Checks <see cref="ReportStoreOptions"/> at start. A relative <see cref="ReportStoreOptions.LocalRoot"/>
/// would resolve against whatever directory the worker happens to start in, so local report destinations
/// would land somewhere else after every restart from another folder; it must be absolute.
/// </summary>
public sealed class ReportStoreOptionsValidator : IValidateOptions<ReportStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReportStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.LocalRoot;
        if (string.IsNullOrWhiteSpace(root) || Path.IsPathFullyQualified(root))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{ReportStoreOptions.SectionName}:{nameof(ReportStoreOptions.LocalRoot)} '{root}' " +
            "(AGENTWORKFLOWS_REPORT_ROOT) must be an absolute path, such as /var/lib/agentworkflows/reports; " +
            "leave it unset to refuse local report directories.");
    }
}
