namespace Switchyard.Runtime.Control;

/// <summary>The wire shape of <see cref="Loops.LiveFigures"/> in <see cref="ClusterStatus"/>.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.BackendLive")]
internal sealed record BackendLive(
    [property: Id(0)] double RequestsPerS,
    [property: Id(1)] double? ErrorRate,
    [property: Id(2)] double? P50Ms,
    [property: Id(3)] double? P99Ms,
    [property: Id(4)] double WindowS);
