namespace Switchyard.Runtime.Placement;

/// <summary>What one node has free right now: CPUs, the free fraction of each GPU, and custom resources.</summary>
internal sealed record NodeCapacity(
    string NodeId,
    double FreeCpus,
    double[] GpuFree,
    IReadOnlyDictionary<string, double> FreeCustom);
