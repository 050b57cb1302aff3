namespace Switchyard.Runtime.Control;

/// <summary>One node in <see cref="ClusterStatus"/>.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.NodeStatus")]
internal sealed record NodeStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Address,
    [property: Id(2)] string Status,
    [property: Id(3)] ResourceAmounts Total,
    [property: Id(4)] ResourceAmounts Available);
