using System.Net;
using AgentWorkflows.AwsFake.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentWorkflows.AwsFake;

/// <summary>
/// An in-process fake of STS, IAM, S3 and S3 Control on one loopback HTTP endpoint, speaking the real
/// wire protocols (SigV4, query-protocol XML, REST-XML) so the real AWS SDK clients work against it.
/// Requests are routed by the service of the SigV4 credential scope. Seed it, point clients at
/// <see cref="ServiceUrl"/>, and read <see cref="Requests"/> afterwards.
/// </summary>
public sealed class FakeAws : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeAwsState _state;

    private FakeAws(WebApplication app, FakeAwsState state, Uri endpoint)
    {
        _app = app;
        _state = state;
        Endpoint = endpoint;
    }

    /// <summary>Base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Base address without the trailing slash, ready for the SDK's <c>ServiceURL</c>.</summary>
    public string ServiceUrl => Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>The fake's clock.</summary>
    public TimeProvider Time => _state.Time;

    /// <summary>
    /// The clock as a <see cref="FakeTimeProvider"/>, or null when the options supplied another clock.
    /// </summary>
    public FakeTimeProvider? FakeClock => _state.Time as FakeTimeProvider;

    /// <summary>Delay added on the server to every request; change it at any time.</summary>
    public TimeSpan Latency
    {
        get => _state.Latency;
        set => _state.Latency = value;
    }

    /// <inheritdoc cref="FakeAwsOptions.RevocationPropagationCalls"/>
    public int RevocationPropagationCalls
    {
        get => _state.PropagationCalls;
        set => _state.PropagationCalls = value;
    }

    /// <inheritdoc cref="FakeAwsOptions.RevocationPropagationDelay"/>
    public TimeSpan RevocationPropagationDelay
    {
        get => _state.PropagationDelay;
        set => _state.PropagationDelay = value;
    }

    /// <summary>Every request answered so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests => _state.Log();

    /// <summary>Every session AssumeRole issued so far (a snapshot, without secrets).</summary>
    public IReadOnlyList<FakeSessionInfo> Sessions => _state.Sessions().Select(s => new FakeSessionInfo(
        s.AccessKeyId, s.Role.Arn, s.Role.RoleId, s.SessionName, s.UserId, s.Arn, s.IssuedAt, s.Expiration,
        s.SourceIdentity, s.Tags, s.SessionPolicyText, s.IsChained)).ToList();

    /// <summary>
    /// TEST-ONLY: the secret and session token of every session AssumeRole issued, so that leak tests can
    /// search histories, payloads and messages for the real values. Never print or log what this returns.
    /// </summary>
    public IReadOnlyList<FakeIssuedCredentials> IssuedCredentialsForLeakTests =>
        _state.Sessions().Select(s => new FakeIssuedCredentials(s.AccessKeyId, s.Secret, s.Token)).ToList();

    /// <summary>Starts the fake on <c>127.0.0.1</c> with a port the OS picks.</summary>
    public static async Task<FakeAws> StartAsync(FakeAwsOptions? options = null)
    {
        options ??= new FakeAwsOptions();
        var state = new FakeAwsState(options.Time ?? new FakeTimeProvider(DateTimeOffset.UtcNow))
        {
            Latency = options.Latency,
            PropagationCalls = options.RevocationPropagationCalls,
            PropagationDelay = options.RevocationPropagationDelay,
        };

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var pipeline = new RequestPipeline(state);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new FakeAws(app, state, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Moves the fake clock forward. Throws when the options supplied a clock of another kind.</summary>
    public void Advance(TimeSpan by) =>
        (FakeClock ?? throw new InvalidOperationException(
            "Advance needs the default FakeTimeProvider clock; advance the TimeProvider you supplied instead."))
        .Advance(by);

    /// <summary>Adds an account (idempotent) and returns it.</summary>
    public FakeAccount AddAccount(string accountId) => _state.AddAccount(accountId);

    /// <summary>The seeded account, or an exception naming the id.</summary>
    public FakeAccount GetAccount(string accountId) =>
        _state.FindAccount(accountId) ?? throw new KeyNotFoundException($"Account {accountId} is not seeded.");

    /// <summary>
    /// Adds an IAM user (or reuses it) and creates a new access key for it. The user may perform the
    /// given actions (wildcards allowed, e.g. <c>s3:*</c>); nothing else.
    /// </summary>
    public FakeAccessKey AddUser(string accountId, string userName, params IEnumerable<string> allowedActions) =>
        _state.AddUser(accountId, userName, allowedActions);

    /// <summary>
    /// Adds an IAM role.
    /// </summary>
    /// <param name="accountId">Owning account.</param>
    /// <param name="roleName">Role name.</param>
    /// <param name="trustedPrincipals">
    /// ARNs that may assume it: user ARNs, role ARNs (their sessions may chain into it), assumed-role ARNs,
    /// <c>arn:aws:iam::ACCOUNT:root</c> for any principal of that account, or <c>*</c>.
    /// </param>
    /// <param name="requiredExternalId">ExternalId that AssumeRole must carry, or null.</param>
    /// <param name="maxSessionDuration">1 to 12 hours; 1 hour when null.</param>
    /// <param name="allowedActions">Actions its sessions may perform (wildcards allowed).</param>
    public FakeRole AddRole(
        string accountId,
        string roleName,
        IEnumerable<string> trustedPrincipals,
        string? requiredExternalId = null,
        TimeSpan? maxSessionDuration = null,
        IEnumerable<string>? allowedActions = null) =>
        _state.AddRole(accountId, roleName, trustedPrincipals, requiredExternalId,
            maxSessionDuration ?? TimeSpan.FromHours(1), allowedActions ?? []);

    /// <summary>Grants actions to the user or role with this ARN.</summary>
    public void Allow(string principalArn, params IEnumerable<string> actions) =>
        _state.ChangeAllowedActions(principalArn, actions, allow: true);

    /// <summary>Withdraws previously granted action patterns (exact pattern strings) from a user or role.</summary>
    public void Disallow(string principalArn, params IEnumerable<string> actions) =>
        _state.ChangeAllowedActions(principalArn, actions, allow: false);

    /// <summary>Seeds an inline role policy, enforced at once (no propagation delay).</summary>
    public void PutRolePolicy(FakeRole role, string policyName, string policyDocument)
    {
        var principal = FindRole(role);
        var parsed = PolicyDocument.Parse(policyDocument);
        _state.SetRolePolicy(principal, policyName, policyDocument, parsed, immediately: true);
    }

    /// <summary>The role's inline policies as IAM reads return them (latest versions), by name.</summary>
    public IReadOnlyDictionary<string, string> GetRolePolicies(FakeRole role) => _state.RolePolicies(FindRole(role));

    /// <summary>Adds a bucket owned by the account, in the region (us-east-1 by default).</summary>
    public FakeBucket AddBucket(string accountId, string bucketName, string region = "us-east-1") =>
        _state.AddBucket(accountId, bucketName, region);

    /// <summary>The seeded bucket, or an exception naming it.</summary>
    public FakeBucket GetBucket(string bucketName) =>
        _state.FindBucket(bucketName) ?? throw new KeyNotFoundException($"Bucket '{bucketName}' is not seeded.");

    /// <summary>Makes matching calls fail with the fault's code and status (see <see cref="FakeFault"/>).</summary>
    public void InjectFault(FakeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _state.AddFault(fault);
    }

    /// <summary>Removes every injected fault.</summary>
    public void ClearFaults() => _state.ClearFaults();

    /// <summary>Empties the request log.</summary>
    public void ClearRequests() => _state.ClearLog();

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private RolePrincipal FindRole(FakeRole role) =>
        _state.FindRole(role.AccountId, role.Name) ?? throw new KeyNotFoundException($"Role {role.Arn} is not seeded.");
}
