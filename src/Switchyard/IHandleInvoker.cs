namespace Switchyard;

/// <summary>Sends a handle's call through a node's router (implemented by the runtime).</summary>
internal interface IHandleInvoker
{
    ValueTask<HandleResult> InvokeAsync(string endpoint, string? shardKey, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken);
}
