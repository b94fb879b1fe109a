using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>
/// Serves one request: latency, body, operation, SigV4, injected faults, the service handler, the
/// error shape and the request log.
/// </summary>
internal sealed class RequestPipeline(FakeAwsState state)
{
    private static readonly Dictionary<string, string> FaultMessages = new(StringComparer.Ordinal)
    {
        ["SlowDown"] = "Please reduce your request rate.",
        ["Throttling"] = "Rate exceeded",
        ["AccessDenied"] = "Access Denied",
        ["ExpiredToken"] = "The security token included in the request is expired",
        ["InternalError"] = "We encountered an internal error. Please try again.",
        ["ServiceUnavailable"] = "Service is unable to handle request.",
    };

    private readonly StsHandler _sts = new(state);
    private readonly IamHandler _iam = new(state);
    private readonly S3Handler _s3 = new(state);
    private readonly S3ControlHandler _s3Control = new(state);

    public async Task HandleAsync(HttpContext http)
    {
        var latency = state.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, http.RequestAborted).ConfigureAwait(false);
        }

        var request = await ReadAsync(http).ConfigureAwait(false);
        var auth = ParsedAuthorization.TryParse(request.Header("Authorization"));
        var (service, style) = Classify(request, auth);
        var requestId = Ids.RequestId();
        OperationInfo? operation = null;
        FakeResponse response;
        try
        {
            operation = Resolve(request, service, style);
            service = operation.Service;
            RequestAuthenticator.Authenticate(state, request, auth, style);
            if (state.TakeFault(operation.Service, operation.Action, operation.Bucket) is { } fault)
            {
                var message = fault.Message
                    ?? FaultMessages.GetValueOrDefault(fault.ErrorCode, $"Injected fault {fault.ErrorCode}.");
                throw new AwsErrorException(fault.StatusCode, fault.ErrorCode, message);
            }

            response = Execute(request, operation, requestId);
        }
        catch (AwsErrorException error)
        {
            var ns = service == "iam" ? Xml.Iam : Xml.Sts;
            response = ErrorWriter.Write(error, style, ns, requestId, request.Method);
        }

        state.Record(new FakeRequestRecord(
            service,
            operation?.Action ?? "Unknown",
            auth?.AccessKeyId,
            request.Caller?.Arn,
            operation?.Bucket,
            response.Status,
            response.ErrorCode,
            state.Now,
            operation?.Key));
        await WriteAsync(http, response, requestId, style).ConfigureAwait(false);
    }

    private FakeResponse Execute(IncomingRequest request, OperationInfo operation, string requestId) =>
        operation.Service switch
        {
            "sts" => _sts.Execute(request, operation, requestId),
            "iam" => _iam.Execute(request, operation, requestId),
            "s3control" => _s3Control.Execute(request, operation),
            _ => _s3.Execute(request, operation),
        };

    private static OperationInfo Resolve(IncomingRequest request, string service, ErrorStyle style)
    {
        if (style == ErrorStyle.Query)
        {
            ReadQueryParameters(request);
        }

        return service switch
        {
            "sts" => StsHandler.Resolve(request),
            "iam" => IamHandler.Resolve(request),
            "s3control" => S3ControlHandler.Resolve(request),
            "s3" => S3Handler.Resolve(request),
            _ => throw new AwsErrorException(400, "UnrecognizedService",
                $"The credential scope names service '{service}'; the fake serves sts, iam and s3."),
        };
    }

    private static (string Service, ErrorStyle Style) Classify(IncomingRequest request, ParsedAuthorization? auth)
    {
        var service = auth?.Service;
        if (service is null)
        {
            var isForm = request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded",
                StringComparison.OrdinalIgnoreCase) == true;
            if (!isForm)
            {
                return IsS3Control(request) ? ("s3control", ErrorStyle.S3Control) : ("s3", ErrorStyle.S3);
            }

            ReadQueryParameters(request);
            service = request.Parameter("Action") is "AssumeRole" or "GetCallerIdentity" ? "sts" : "iam";
        }

        return service switch
        {
            "s3" when IsS3Control(request) => ("s3control", ErrorStyle.S3Control),
            "s3" => ("s3", ErrorStyle.S3),
            _ => (service, ErrorStyle.Query),
        };
    }

    private static bool IsS3Control(IncomingRequest request) =>
        request.RawPath.StartsWith(S3ControlHandler.PathPrefix, StringComparison.Ordinal) &&
        request.Header("x-amz-account-id") is not null;

    private static void ReadQueryParameters(IncomingRequest request)
    {
        if (request.Parameters.Count > 0)
        {
            return;
        }

        foreach (var (name, value) in request.Query)
        {
            request.Parameters[name] = value;
        }

        var isForm = request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded",
            StringComparison.OrdinalIgnoreCase) == true;
        if (isForm && request.Body.Length > 0)
        {
            var text = System.Text.Encoding.UTF8.GetString(request.Body).Replace('+', ' ');
            foreach (var (name, value) in SigV4.ParseQuery(text))
            {
                request.Parameters[name] = value;
            }
        }
    }

    private static async Task<IncomingRequest> ReadAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        return new IncomingRequest
        {
            Http = http,
            Method = http.Request.Method,
            RawPath = rawPath,
            Query = SigV4.ParseQuery(rawQuery),
            Body = buffer.ToArray(),
        };
    }

    private static async Task WriteAsync(HttpContext http, FakeResponse response, string requestId, ErrorStyle style)
    {
        var output = http.Response;
        output.StatusCode = response.Status;
        if (style == ErrorStyle.Query)
        {
            output.Headers["x-amzn-RequestId"] = requestId;
        }
        else
        {
            output.Headers["x-amz-request-id"] = requestId;
            output.Headers["x-amz-id-2"] = ErrorWriter.HostId(requestId);
        }

        foreach (var (name, value) in response.Headers)
        {
            output.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            output.ContentType = response.ContentType;
        }

        if (response.Body.Length > 0)
        {
            output.ContentLength = response.Body.Length;
            await output.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
        }
        else if (!response.Headers.ContainsKey("Content-Length"))
        {
            output.ContentLength = 0;
        }
    }
}
