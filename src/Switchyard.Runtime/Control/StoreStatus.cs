namespace Switchyard.Runtime.Control;

/// <summary>Whether the controller's store answers, in <see cref="ClusterStatus"/>: while it does not, changes answer 503.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.StoreStatus")]
internal sealed record StoreStatus(
    [property: Id(0)] bool Reachable,
    [property: Id(1)] string? Detail);
