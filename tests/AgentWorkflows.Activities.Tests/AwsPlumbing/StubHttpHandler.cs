using System.Net;
using System.Text;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

/// <summary>Answers every request with a canned response and keeps what it received. Never opens a socket.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    public List<(HttpRequestMessage Request, string Body)> Received { get; } = [];

    public StubHttpHandler Answer(HttpStatusCode status, string body)
    {
        _answers.Enqueue((status, body));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null
            ? string.Empty
            : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Received.Add((request, body));
        var (status, text) = _answers.Count > 0 ? _answers.Dequeue() : (HttpStatusCode.OK, "<ok/>");
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(text, Encoding.UTF8, "text/xml"),
            RequestMessage = request,
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "header-request-id");
        return response;
    }
}
