namespace Switchyard.Runtime.Control.Stored;

/// <summary>A replica the controller created: its tag, generation and where it was placed.</summary>
[GenerateSerializer, Alias("switchyard.ReplicaRecord")]
internal sealed class ReplicaRecord
{
    [Id(0)] public required string Tag { get; init; }
    [Id(1)] public int Generation { get; init; }
    [Id(2)] public string? NodeId { get; set; }
    [Id(3)] public int[] GpuIds { get; set; } = [];
    [Id(4)] public bool Draining { get; set; }
}
