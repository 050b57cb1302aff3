namespace Switchyard.Runtime.Storage;

/// <summary>What a state file holds: its schema, the grain's ETag version and the serialized state.</summary>
internal sealed record StateFileContent(int Schema, long Version, ReadOnlyMemory<byte> Payload);
