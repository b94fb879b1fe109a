using System.Globalization;
using System.Xml.Linq;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>XML building helpers shared by the service handlers.</summary>
internal static class Xml
{
    public static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    public static readonly XNamespace S3Control = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static string Document(XElement root) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting);

    /// <summary>Time as ISO 8601 in UTC with seconds, as STS and IAM write it.</summary>
    public static string IsoSeconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Time as ISO 8601 in UTC with milliseconds, as S3 writes it.</summary>
    public static string IsoMillis(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A query-protocol success: ActionResponse / ActionResult / ResponseMetadata.</summary>
    public static FakeResponse QueryResult(
        XNamespace ns, string action, string requestId, params object?[] resultContent)
    {
        var root = new XElement(ns + (action + "Response"),
            new XElement(ns + (action + "Result"), resultContent),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        return new FakeResponse(200, "text/xml", System.Text.Encoding.UTF8.GetBytes(Document(root)));
    }

    /// <summary>A query-protocol success without a Result element (PutRolePolicy, DeleteRolePolicy).</summary>
    public static FakeResponse QueryEmpty(XNamespace ns, string action, string requestId)
    {
        var root = new XElement(ns + (action + "Response"),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        return new FakeResponse(200, "text/xml", System.Text.Encoding.UTF8.GetBytes(Document(root)));
    }

    public static FakeResponse S3Result(XElement root) => FakeResponse.Xml(Document(root));
}
