namespace Switchyard.Runtime.Placement;

/// <summary>What one placed replica holds on its node: its backend's per-replica resources and the GPUs it was given.</summary>
internal readonly record struct Reservation(string NodeId, BackendResources Resources, IReadOnlyList<int> GpuIds);
