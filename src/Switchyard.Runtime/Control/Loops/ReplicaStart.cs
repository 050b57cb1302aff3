namespace Switchyard.Runtime.Control.Loops;

/// <summary>A replica to start on the node placement chose, with the GPUs it was given there.</summary>
internal sealed record ReplicaStart(string Tag, string NodeId, IReadOnlyList<int> GpuIds);
