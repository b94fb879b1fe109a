using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentWorkflows.Workflows.Contracts;

/// <summary>
/// Turns a workflow id or run id into one safe path segment of a report key, the same way in the
/// workflow and in the activities. Workflow ids are chosen by callers and may hold '/', "..", spaces
/// or any Unicode: each such byte becomes <c>~XX</c> (hex of its UTF-8), so every id maps to exactly one
/// folder under the report prefix and none can climb out of it. The escape is <c>~</c>, not <c>%</c>,
/// because file URIs and S3 tools decode percent escapes and would turn <c>%2F</c> back into a slash.
/// Very long ids keep a readable head plus <c>~~</c> and a hash, so a key stays far below S3's
/// 1,024-byte and a file system's 255-byte limits.
/// </summary>
public static class ReportPath
{
    /// <summary>Longest segment this produces.</summary>
    public const int MaxSegmentLength = 120;

    private const int HashHexLength = 16;

    /// <summary>The run's folder: <c>SEGMENT(workflowId)/SEGMENT(runId)</c>.</summary>
    public static string RunKey(string workflowId, string runId) => $"{Segment(workflowId)}/{Segment(runId)}";

    /// <summary>One segment: letters, digits and <c>-_.</c> kept, everything else as <c>~XX</c> of UTF-8.</summary>
    public static string Segment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            throw new ArgumentException("A report path segment needs a non-empty workflow or run id.", nameof(id));
        }

        var escaped = new StringBuilder(id.Length);
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && id is not ("." or "..")))
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        if (escaped.Length <= MaxSegmentLength)
        {
            return escaped.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..HashHexLength];
        var head = escaped.ToString(0, MaxSegmentLength - HashHexLength - 2);
        var cut = head.LastIndexOf('~');
        if (cut >= head.Length - 2)
        {
            head = head[..cut];
        }

        return $"{head}~~{hash}";
    }
}
