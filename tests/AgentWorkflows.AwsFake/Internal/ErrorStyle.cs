namespace AgentWorkflows.AwsFake.Internal;

/// <summary>How errors of a service are shaped on the wire.</summary>
internal enum ErrorStyle
{
    /// <summary>STS and IAM: ErrorResponse/Error with Type, Code, Message; RequestId.</summary>
    Query,

    /// <summary>S3: a bare Error element with Code, Message, details, RequestId, HostId.</summary>
    S3,

    /// <summary>S3 Control: ErrorResponse/Error with Code and Message; RequestId, HostId.</summary>
    S3Control,
}
