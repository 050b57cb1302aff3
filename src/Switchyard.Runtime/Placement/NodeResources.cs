namespace Switchyard.Runtime.Placement;

/// <summary>What a node declares it has: CPUs, whole GPUs and custom resources (totals, not what is free).</summary>
internal sealed record NodeResources(
    string NodeId,
    double NumCpus,
    int NumGpus,
    IReadOnlyDictionary<string, double> Custom);
