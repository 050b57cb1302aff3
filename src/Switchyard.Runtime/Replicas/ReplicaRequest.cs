namespace Switchyard.Runtime.Replicas;

/// <summary>A request on its way to a replica. Immutable so that local calls pass it without a copy.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaRequest")]
internal sealed class ReplicaRequest
{
    [Id(0)] public required string Method { get; init; }
    [Id(1)] public required string Path { get; init; }
    [Id(2)] public string? QueryString { get; init; }
    [Id(3)] public KeyValuePair<string, string>[]? Headers { get; init; }
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
}
