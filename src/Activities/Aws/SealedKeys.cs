using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Aws;

/// <summary>The plaintext inside a sealed session; never leaves <see cref="AesGcmSessionSealer"/>.</summary>
internal sealed record SealedKeys(string K, string S, string T);

/// <summary>Source-generated JSON for <see cref="SealedKeys"/>.</summary>
[JsonSerializable(typeof(SealedKeys))]
internal sealed partial class SealedKeysContext : JsonSerializerContext;
