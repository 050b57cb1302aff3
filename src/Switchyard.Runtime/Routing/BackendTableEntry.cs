namespace Switchyard.Runtime.Routing;

/// <summary>One backend in a <see cref="RoutingTable"/>: where its running replicas are and how much they take.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.BackendTableEntry")]
internal sealed class BackendTableEntry
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string[] Replicas { get; init; }
    [Id(2)] public int MaxConcurrentQueries { get; init; } = 100;
    [Id(3)] public int MaxQueuedRequests { get; init; } = -1;
    [Id(4)] public double? RequestTimeoutS { get; init; }

    /// <summary>How many replicas are in each <see cref="Replicas.ReplicaState"/> (indexed by the enum), for metrics.</summary>
    [Id(5)] public int[] StateCounts { get; init; } = [];

    /// <summary>The autoscaler's target, or null for a fixed count. An autoscaled backend's requests wait while it has no replica (scale from zero).</summary>
    [Id(6)] public int? AutoscaleTarget { get; init; }

    public bool Autoscaled => AutoscaleTarget is not null;
}
