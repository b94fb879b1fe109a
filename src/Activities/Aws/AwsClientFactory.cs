using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SecurityToken;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Default <see cref="IAwsClientFactory"/>. SDK clients are cached per credentials object (weakly, so
/// a session's clients go when its credentials do) and per region; the signed IAM / S3 Control clients
/// share one <see cref="HttpClient"/>.
/// </summary>
public sealed class AwsClientFactory : IAwsClientFactory, IDisposable
{
    private readonly AwsOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Lazy<AWSCredentials> _workerCredentials;
    private readonly ConditionalWeakTable<AWSCredentials, ClientSet> _clients = [];
    private readonly ConcurrentBag<IDisposable> _workerClients = [];

    /// <summary>Creates the factory for the worker.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="time">Clock for request signing.</param>
    /// <param name="workerCredentials">
    /// Explicit worker credentials (tests); null resolves the SDK's default chain on first use.
    /// </param>
    /// <param name="httpHandler">Handler for the signed client; null uses a pooled default handler.</param>
    public AwsClientFactory(
        IOptions<AwsOptions> options,
        TimeProvider time,
        AWSCredentials? workerCredentials = null,
        HttpMessageHandler? httpHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _workerCredentials = workerCredentials is null
            ? new Lazy<AWSCredentials>(() => DefaultAWSCredentialsIdentityResolver.GetCredentials())
            : new Lazy<AWSCredentials>(workerCredentials);
        _ownsHttp = httpHandler is null;
        _http = httpHandler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(httpHandler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <inheritdoc />
    public AWSCredentials WorkerCredentials => _workerCredentials.Value;

    /// <inheritdoc />
    public string Region => _options.Region;

    /// <inheritdoc />
    public IAmazonSecurityTokenService CreateSts(AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var set = SetFor(credentials);
        return set.Sts.GetOrAdd(_options.Region, region =>
        {
            var config = new AmazonSecurityTokenServiceConfig { MaxErrorRetry = _options.MaxSdkRetries };
            Point(config, region, _options.StsEndpoint);
            return Track(credentials, new AmazonSecurityTokenServiceClient(credentials, config));
        });
    }

    /// <inheritdoc />
    public IAmazonS3 CreateS3(AWSCredentials credentials, string region)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var set = SetFor(credentials);
        return set.S3.GetOrAdd(region, r =>
        {
            var config = new AmazonS3Config
            {
                MaxErrorRetry = _options.MaxSdkRetries,
                ForcePathStyle = _options.S3ForcePathStyle,
            };
            Point(config, r, _options.S3Endpoint);
            return Track(credentials, new AmazonS3Client(credentials, config));
        });
    }

    /// <inheritdoc />
    public IIamClient CreateIam(AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (endpoint, signingRegion) = IamHttpClient.GlobalEndpoint(_options.Region);
        return new IamHttpClient(Signed(credentials), _options.IamEndpoint ?? endpoint, signingRegion);
    }

    /// <inheritdoc />
    public IS3ControlClient CreateS3Control(AWSCredentials credentials, string region)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return new S3ControlHttpClient(Signed(credentials), _options.S3ControlEndpoint, region);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_workerClients.TryTake(out var client))
        {
            client.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static void Point(ClientConfig config, string region, Uri? endpoint)
    {
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            return;
        }

        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = region;
    }

    private SignedAwsHttpClient Signed(AWSCredentials credentials) =>
        new(_http, credentials, _time, _options.RequestTimeout);

    private ClientSet SetFor(AWSCredentials credentials) => _clients.GetValue(credentials, _ => new ClientSet());

    private T Track<T>(AWSCredentials credentials, T client)
        where T : IDisposable
    {
        // Clients of the worker's credentials live as long as the factory; session clients go with
        // their credentials object.
        if (_workerCredentials.IsValueCreated && ReferenceEquals(credentials, _workerCredentials.Value))
        {
            _workerClients.Add(client);
        }

        return client;
    }

    private sealed class ClientSet
    {
        public ConcurrentDictionary<string, IAmazonSecurityTokenService> Sts { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, IAmazonS3> S3 { get; } = new(StringComparer.Ordinal);
    }
}
