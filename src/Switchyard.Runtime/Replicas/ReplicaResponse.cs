namespace Switchyard.Runtime.Replicas;

/// <summary>What a replica answered, already encoded for HTTP. Failures are values here, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaResponse")]
internal sealed class ReplicaResponse
{
    [Id(0)] public int StatusCode { get; init; }
    [Id(1)] public string? ContentType { get; init; }
    [Id(2)] public byte[] Body { get; init; } = [];
    [Id(3)] public KeyValuePair<string, string>[]? Headers { get; init; }

    /// <summary>For a failure: the problem title (e.g. the exception type).</summary>
    [Id(4)] public string? Title { get; init; }

    /// <summary>For a failure: the problem detail.</summary>
    [Id(5)] public string? Detail { get; init; }

    /// <summary>True when the replica did no work because it is not (or no longer) running: safe to send elsewhere.</summary>
    [Id(6)] public bool NotRunning { get; init; }

    public static ReplicaResponse Problem(int status, string title, string detail, bool notRunning = false) =>
        new() { StatusCode = status, Title = title, Detail = detail, NotRunning = notRunning };
}
