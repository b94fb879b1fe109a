using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// <see cref="ISessionSealer"/> with AES-256-GCM: <c>v1.&lt;nonce&gt;.&lt;ciphertext+tag&gt;</c>, both
/// base64url, with the session name and role ARN as associated data.
/// </summary>
public sealed partial class AesGcmSessionSealer : ISessionSealer, IDisposable
{
    /// <summary>Key length: AES-256.</summary>
    public const int KeySizeBytes = 32;

    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private const string CannotOpen =
        "sealed session could not be opened by this worker; assume again " +
        "(the workers must share Aws:SealingKey, and the text must belong to this session)";

    private readonly AesGcm _aes;

    /// <summary>Creates a sealer with the configured key, or a random one (logged as a warning).</summary>
    public AesGcmSessionSealer(IOptions<AwsOptions> options, ILogger<AesGcmSessionSealer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var configured = options.Value.SealingKey;
        byte[] key;
        if (configured is null)
        {
            key = RandomNumberGenerator.GetBytes(KeySizeBytes);
            LogRandomKey(logger);
        }
        else if (!TryDecodeKey(configured, out key))
        {
            throw new ArgumentException(
                $"Aws:SealingKey must be base64 of exactly {KeySizeBytes} bytes (the value is not shown).",
                nameof(options));
        }

        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>Creates a sealer with an explicit 32-byte key (tests, tools).</summary>
    public AesGcmSessionSealer(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeBytes)
        {
            throw new ArgumentException($"The sealing key has {key.Length} bytes; it must have {KeySizeBytes}.",
                nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
    }

    /// <summary>Decodes a base64 key of <see cref="KeySizeBytes"/> bytes.</summary>
    public static bool TryDecodeKey(string text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != KeySizeBytes)
        {
            return false;
        }

        key = buffer[..KeySizeBytes];
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }

    /// <inheritdoc />
    public string Seal(ImmutableCredentials credentials, string sessionName, string roleArn)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrEmpty(credentials.Token))
        {
            throw new ArgumentException("Only session credentials (with a token) are sealed.", nameof(credentials));
        }

        var plain = JsonSerializer.SerializeToUtf8Bytes(
            new SealedKeys(credentials.AccessKey, credentials.SecretKey, credentials.Token),
            SealedKeysContext.Default.SealedKeys);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var output = new byte[plain.Length + TagSize];
        try
        {
            _aes.Encrypt(nonce, plain, output.AsSpan(0, plain.Length), output.AsSpan(plain.Length),
                AssociatedData(sessionName, roleArn));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return $"{Version}.{Base64Url(nonce)}.{Base64Url(output)}";
    }

    /// <inheritdoc />
    public SessionAWSCredentials Unseal(string sealedCredentials, string sessionName, string roleArn)
    {
        var parts = (sealedCredentials ?? string.Empty).Split('.');
        if (parts.Length != 3 || parts[0] != Version
            || !TryFromBase64Url(parts[1], out var nonce) || nonce.Length != NonceSize
            || !TryFromBase64Url(parts[2], out var sealedBytes) || sealedBytes.Length <= TagSize)
        {
            throw Failure();
        }

        var plain = new byte[sealedBytes.Length - TagSize];
        try
        {
            _aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain,
                AssociatedData(sessionName, roleArn));
            var keys = JsonSerializer.Deserialize(plain, SealedKeysContext.Default.SealedKeys);
            if (keys is null || string.IsNullOrEmpty(keys.K) || string.IsNullOrEmpty(keys.S)
                || string.IsNullOrEmpty(keys.T))
            {
                throw Failure();
            }

            return new SessionAWSCredentials(keys.K, keys.S, keys.T);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Failure();
        }
        catch (JsonException)
        {
            throw Failure();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _aes.Dispose();

    private static ApplicationFailureException Failure() =>
        new(CannotOpen, ErrorTypes.SessionExpired, nonRetryable: true);

    private static byte[] AssociatedData(string sessionName, string roleArn) =>
        Encoding.UTF8.GetBytes($"{sessionName}\n{roleArn}");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        var buffer = new byte[padded.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(padded, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Aws:SealingKey is not set: this worker drew a random sealing key. Sessions sealed here " +
            "cannot be opened by other workers or after a restart; set the same key on every worker.")]
    private static partial void LogRandomKey(ILogger logger);
}
