namespace Switchyard.TestBackends;

/// <summary>Where a replica runs.</summary>
public sealed record Placement(string Node, string Replica, IReadOnlyList<int> GpuIds, double NumCpus, string CudaVisibleDevices);
