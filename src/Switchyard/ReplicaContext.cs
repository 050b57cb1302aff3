namespace Switchyard;

/// <summary>What a replica knows about itself; injectable into backend constructors.</summary>
public sealed class ReplicaContext
{
    /// <summary>The backend's name.</summary>
    public required string BackendTag { get; init; }

    /// <summary>This replica's unique tag.</summary>
    public required string ReplicaTag { get; init; }

    /// <summary>The node (<c>--node-id</c>) this replica runs on.</summary>
    public required string NodeId { get; init; }

    /// <summary>CPUs reserved for this replica (0: none reserved).</summary>
    public double NumCpus { get; init; }

    /// <summary>GPUs reserved for this replica (fractions allowed).</summary>
    public double NumGpus { get; init; }

    /// <summary>The GPU device indices assigned on this node.</summary>
    public IReadOnlyList<int> GpuIds { get; init; } = [];

    /// <summary>Custom resources reserved for this replica.</summary>
    public IReadOnlyDictionary<string, double> CustomResources { get; init; } = new Dictionary<string, double>();

    /// <summary>The assigned GPUs as a <c>CUDA_VISIBLE_DEVICES</c> value (empty when none).</summary>
    public string CudaVisibleDevices => string.Join(',', GpuIds);

    /// <summary>The thread count a model in this replica should use: <c>max(1, NumCpus)</c>, rounded down.</summary>
    public int ThreadCount => Math.Max(1, (int)Math.Floor(NumCpus));
}
