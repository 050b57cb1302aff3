namespace Switchyard.Runtime.Replicas;

/// <summary>A replica telling the controller how it is (after starting, failing or draining).</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaReport")]
internal sealed record ReplicaReport(
    [property: Id(0)] string Backend,
    [property: Id(1)] string ReplicaTag,
    [property: Id(2)] ReplicaState State,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string NodeId);
