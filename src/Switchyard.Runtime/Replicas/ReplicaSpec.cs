namespace Switchyard.Runtime.Replicas;

/// <summary>Everything a replica needs to start: which backend, how to build it, and what it reserved.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaSpec")]
internal sealed class ReplicaSpec
{
    [Id(0)] public required string Backend { get; init; }
    [Id(1)] public required string ReplicaTag { get; init; }
    [Id(2)] public required BackendSpec Spec { get; init; }
    [Id(3)] public int[] GpuIds { get; init; } = [];
}
