namespace Switchyard.Runtime.Placement;

/// <summary>Where a replica goes (node and GPU indices), or why it cannot go anywhere.</summary>
internal readonly record struct PlacementDecision(string? NodeId, int[] GpuIds, string? Reason)
{
    public bool Placed => NodeId is not null;

    public static PlacementDecision Pending(string reason) => new(null, [], reason);
}
