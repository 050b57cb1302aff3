namespace Switchyard;

/// <summary>Sends a handle's call through a node's router (implemented by the runtime).</summary>
internal interface IHandleInvoker
{
    /// <summary>Sends a call whose body is <paramref name="text"/> when that is set (then <paramref name="body"/> is empty), else <paramref name="body"/>.</summary>
    ValueTask<HandleResult> InvokeAsync(string endpoint, string? shardKey, ReadOnlyMemory<byte> body, string? text, string? contentType, CancellationToken cancellationToken);

    /// <summary>Sends an encoded inference request (pinned to backend <paramref name="version"/> when given).</summary>
    ValueTask<HandleResult> InferAsync(string endpoint, string? version, string? shardKey, ReadOnlyMemory<byte> body, int? headerLength, CancellationToken cancellationToken);
}
