using System.Xml.Linq;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>Shapes an <see cref="AwsErrorException"/> the way the service's SDK unmarshaller expects.</summary>
internal static class ErrorWriter
{
    public static FakeResponse Write(
        AwsErrorException error, ErrorStyle style, XNamespace queryNamespace, string requestId, string method)
    {
        var response = style switch
        {
            ErrorStyle.Query => QueryError(error, queryNamespace, requestId),
            ErrorStyle.S3 when method == "HEAD" => new FakeResponse(error.Status, null, []),
            ErrorStyle.S3 => S3Error(error, requestId),
            _ => S3ControlError(error, requestId),
        };
        response.ErrorCode = error.Code;
        foreach (var (name, value) in error.Headers)
        {
            response.WithHeader(name, value);
        }

        return response;
    }

    private static FakeResponse QueryError(AwsErrorException error, XNamespace ns, string requestId)
    {
        var root = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", error.Status >= 500 ? "Receiver" : "Sender"),
                new XElement(ns + "Code", error.Code),
                new XElement(ns + "Message", error.Message)),
            new XElement(ns + "RequestId", requestId));
        return new FakeResponse(error.Status, "text/xml", System.Text.Encoding.UTF8.GetBytes(Xml.Document(root)));
    }

    private static FakeResponse S3Error(AwsErrorException error, string requestId)
    {
        var root = new XElement("Error",
            new XElement("Code", error.Code),
            new XElement("Message", error.Message),
            error.Details.Select(d => new XElement(d.Key, d.Value)),
            new XElement("RequestId", requestId),
            new XElement("HostId", HostId(requestId)));
        return FakeResponse.Xml(Xml.Document(root), error.Status);
    }

    private static FakeResponse S3ControlError(AwsErrorException error, string requestId)
    {
        var root = new XElement("ErrorResponse",
            new XElement("Error",
                new XElement("Code", error.Code),
                new XElement("Message", error.Message),
                error.Details.Select(d => new XElement(d.Key, d.Value))),
            new XElement("RequestId", requestId),
            new XElement("HostId", HostId(requestId)));
        return FakeResponse.Xml(Xml.Document(root), error.Status);
    }

    public static string HostId(string requestId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("fake-host/" + requestId));
}
