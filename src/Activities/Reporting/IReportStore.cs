namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Where one run's report objects live: an S3 bucket and key prefix, or a local directory. Keys are
/// relative (<c>WORKFLOW/RUN/report.json</c>); the store adds its prefix or root and refuses keys that
/// would leave it. Writes overwrite, so a retried write lands on the same object.
/// </summary>
public interface IReportStore
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    /// <returns>The location of the object, <c>s3://bucket/key</c> or a <c>file://</c> URI.</returns>
    Task<string> PutTextAsync(string key, string content, string contentType, CancellationToken cancellationToken);

    /// <summary>Reads the object under <paramref name="key"/>, or null when there is none.</summary>
    Task<string?> GetTextAsync(string key, CancellationToken cancellationToken);

    /// <summary>The location a key maps to, without touching the store.</summary>
    string LocationOf(string key);
}
