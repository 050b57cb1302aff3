namespace Switchyard.Runtime.Replicas;

/// <summary>
/// A request on its way to a replica. A value, not an object: the router, a local replica and a shadow copy each
/// hold it by value, so a call costs no allocation for it (through Orleans it is serialised as any other argument).
/// </summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaRequest")]
internal readonly struct ReplicaRequest
{
    [Id(0)] public required string Method { get; init; }
    [Id(1)] public required string Path { get; init; }
    [Id(2)] public string? QueryString { get; init; }
    [Id(3)] public KeyValuePair<string, string>[]? Headers { get; init; }

    /// <summary>The body's bytes; empty when the body is <see cref="Text"/>.</summary>
    [Id(4)] public required byte[] Body { get; init; }
    [Id(5)] public string? ShardKey { get; init; }
    [Id(6)] public string? Endpoint { get; init; }

    /// <summary>True for an Open Inference Protocol call: the body is a protocol request for an <see cref="IInferenceBackend"/>.</summary>
    [Id(7)] public bool Inference { get; init; }

    /// <summary>
    /// True when running the request twice does no harm, so the router may send it to another replica when the
    /// first one's node was lost mid-call (GET, HEAD and inference calls count as safe without it).
    /// </summary>
    [Id(8)] public bool SafeToRetry { get; init; }

    /// <summary>
    /// The body as the caller's text (a handle called with a string), or null: kept as it is, since strings are
    /// immutable, and encoded only when a backend reads <see cref="ServeRequest.Body"/>.
    /// </summary>
    [Id(9)] public string? Text { get; init; }
}
