namespace AgentWorkflows.AwsFake.Internal;

/// <summary>S3 Control (REST-XML, 2018-08-20): the account-level GetPublicAccessBlock.</summary>
internal sealed class S3ControlHandler(FakeAwsState state)
{
    public const string PathPrefix = "/v20180820/";
    private const string PublicAccessBlockPath = "/v20180820/configuration/publicAccessBlock";

    public static OperationInfo Resolve(IncomingRequest request)
    {
        if (request.Method == "GET" && string.Equals(request.RawPath, PublicAccessBlockPath, StringComparison.Ordinal))
        {
            return new OperationInfo("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock");
        }

        throw new AwsErrorException(501, "NotImplemented",
            $"The fake does not implement this S3 Control request: {request.Method} {request.RawPath}.");
    }

    public FakeResponse Execute(IncomingRequest request, OperationInfo operation)
    {
        var accountId = request.Header("x-amz-account-id");
        if (string.IsNullOrEmpty(accountId))
        {
            throw new AwsErrorException(400, "InvalidRequest", "Missing required header x-amz-account-id.");
        }

        var caller = request.RequiredCaller;
        if (accountId != caller.AccountId)
        {
            throw new AwsErrorException(403, "AccessDenied",
                $"User: {caller.Arn} is not authorized to perform: {operation.IamAction} on account {accountId}");
        }

        Access.Demand(state, request, operation.IamAction, $"arn:aws:s3:::{accountId}");
        var block = state.FindAccount(accountId)?.PublicAccessBlock ?? throw new AwsErrorException(404,
            "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found")
            .WithDetail("AccountId", accountId);
        return Xml.S3Result(S3Handler.PublicAccessBlockXml(Xml.S3Control, block));
    }
}
