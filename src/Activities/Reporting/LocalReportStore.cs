using System.Text;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Report store in a local directory, for development. Every key must resolve inside the directory;
/// files are written to a temporary name and moved into place, so a reader never sees half a report.
/// </summary>
public sealed class LocalReportStore : IReportStore
{
    private readonly string root;

    public LocalReportStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
    }

    /// <summary>The directory the store writes under, as a full path.</summary>
    public string Root => root;

    public async Task<string> PutTextAsync(
        string key, string content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, content, new UTF8Encoding(false), cancellationToken)
                .ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new Uri(path).AbsoluteUri;
    }

    public async Task<string?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public string LocationOf(string key) => new Uri(PathOf(key)).AbsoluteUri;

    /// <summary>The full path of <paramref name="key"/>; throws when it would land outside the root.</summary>
    internal string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (Path.IsPathRooted(key))
        {
            throw new ArgumentException(
                $"Report key '{key}' is an absolute path; keys must be relative to the report directory.",
                nameof(key));
        }

        var full = Path.GetFullPath(Path.Combine(root, key));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Report key '{key}' resolves outside the report directory '{root}'; keys may not climb out of it.",
                nameof(key));
        }

        return full;
    }
}
