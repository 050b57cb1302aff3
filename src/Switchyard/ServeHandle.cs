using System.Text;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard;

/// <summary>Calls one endpoint from .NET with the same routing as HTTP. Immutable: options return a new handle.</summary>
public sealed class ServeHandle
{
    private readonly IHandleInvoker _invoker;

    internal ServeHandle(IHandleInvoker invoker, string endpoint, string? shardKey)
    {
        _invoker = invoker;
        Endpoint = endpoint;
        ShardKey = shardKey;
    }

    /// <summary>The endpoint this handle calls.</summary>
    public string Endpoint { get; }

    /// <summary>The shard key sent with every call, or null.</summary>
    public string? ShardKey { get; }

    /// <summary>A new handle with the given options (Ray's <c>handle.options(shard_key=...)</c>).</summary>
    public ServeHandle Options(string? shardKey = null) => new(_invoker, Endpoint, shardKey);

    /// <summary>
    /// Sends <paramref name="body"/> (a string or bytes as is, anything else as JSON) and returns the result as
    /// <typeparamref name="T"/>. A failure throws <see cref="ServeException"/> with the HTTP status.
    /// </summary>
    public async Task<T?> CallAsync<T>(object? body, CancellationToken cancellationToken = default)
    {
        // The caller's own bytes are copied (it may reuse them while a shadow copy still runs); what is encoded here is
        // not, and a string is not encoded at all: it is immutable, so the backend's request keeps it as it is.
        var (bytes, contentType) = body switch
        {
            null => (ReadOnlyMemory<byte>.Empty, null),
            string => (ReadOnlyMemory<byte>.Empty, "text/plain; charset=utf-8"),
            byte[] b => (b.AsSpan().ToArray(), "application/octet-stream"),
            ReadOnlyMemory<byte> m => (m.ToArray(), "application/octet-stream"),
            _ => ((ReadOnlyMemory<byte>)JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ServeJson.Options), "application/json"),
        };

        var result = await _invoker.InvokeAsync(Endpoint, ShardKey, bytes, body as string, contentType, cancellationToken).ConfigureAwait(false);
        if (result.StatusCode >= 400)
        {
            throw new ServeException(result.StatusCode, result.Detail ?? $"The call to endpoint '{Endpoint}' failed with status {result.StatusCode}.", result.Title);
        }

        return Convert<T>(result);
    }

    /// <summary>
    /// Calls the endpoint as a model of the Open Inference Protocol, routed like <see cref="CallAsync{T}"/> (traffic
    /// weights, shard key, shadows, batching, limits), or pinned to backend <paramref name="version"/>. Tensors
    /// travel in the protocol's binary form, so no JSON is written for them. A failure (an unknown input, a wrong
    /// datatype or shape, no replica, a timeout) throws <see cref="ServeException"/> with the status
    /// <c>/v2/models/{model}/infer</c> would have answered.
    /// </summary>
    public async Task<InferenceResponse> InferAsync(InferenceRequest request, string? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var encoded = InferenceWriter.WriteRequest(request);
        var result = await _invoker.InferAsync(Endpoint, version, ShardKey, encoded.Body, encoded.HeaderLength, cancellationToken).ConfigureAwait(false);
        if (result.StatusCode >= 400)
        {
            throw new ServeException(result.StatusCode, result.Detail ?? $"The inference call to endpoint '{Endpoint}' failed with status {result.StatusCode}.", result.Title);
        }

        if (InferenceReader.TryReadResponse(result.Body, result.InferenceHeaderLength, out var response) is { } error)
        {
            throw new ServeException(500, $"Endpoint '{Endpoint}' answered with an invalid inference response: {error}.");
        }

        return response!;
    }

    private static T? Convert<T>(HandleResult result)
    {
        var isJson = result.ContentType is not null && result.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        if (typeof(T) == typeof(string) && !isJson && result.Text is { } text)
        {
            return (T)(object)text;
        }

        var body = result.Bytes;
        if (typeof(T) == typeof(byte[]))
        {
            return (T)(object)body.ToArray();
        }

        if (typeof(T) == typeof(ReadOnlyMemory<byte>))
        {
            return (T)(object)body;
        }

        if (typeof(T) == typeof(string) && !isJson)
        {
            return (T)(object)Encoding.UTF8.GetString(body.Span);
        }

        if (body.IsEmpty)
        {
            return default;
        }

        return JsonSerializer.Deserialize<T>(body.Span, ServeJson.Options);
    }
}
