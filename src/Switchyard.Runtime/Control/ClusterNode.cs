namespace Switchyard.Runtime.Control;

/// <summary>A node as membership and its silo metadata describe it.</summary>
internal sealed record ClusterNode(
    SiloAddress Silo,
    string NodeId,
    string Status,
    double NumCpus,
    int NumGpus,
    IReadOnlyDictionary<string, double> Custom);
