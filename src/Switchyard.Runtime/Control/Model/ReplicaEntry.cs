namespace Switchyard.Runtime.Control.Model;

/// <summary>A replica the controller created: its tag, generation, where it was placed, and whether it is draining.</summary>
/// <param name="Tag">The replica's grain key, unique for ever (<c>backend#n</c>).</param>
/// <param name="Generation">The backend generation it was created for.</param>
/// <param name="NodeId">The node it was placed on; null while it cannot be placed (pending).</param>
/// <param name="GpuIds">The GPU indices it was given on that node.</param>
/// <param name="Draining">True once it was told to drain: routers no longer see it.</param>
internal sealed record ReplicaEntry(string Tag, int Generation, string? NodeId, IReadOnlyList<int> GpuIds, bool Draining)
{
    public static ReplicaEntry Unplaced(string tag, int generation) => new(tag, generation, null, [], false);
}
