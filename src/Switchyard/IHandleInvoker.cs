namespace Switchyard;

/// <summary>Sends a handle's call through a node's router (implemented by the runtime).</summary>
internal interface IHandleInvoker
{
    ValueTask<HandleResult> InvokeAsync(string endpoint, string? shardKey, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken);

    /// <summary>Sends an encoded inference request (pinned to backend <paramref name="version"/> when given).</summary>
    ValueTask<HandleResult> InferAsync(string endpoint, string? version, string? shardKey, ReadOnlyMemory<byte> body, int? headerLength, CancellationToken cancellationToken);
}
