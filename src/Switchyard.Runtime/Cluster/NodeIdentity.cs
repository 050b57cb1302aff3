namespace Switchyard.Runtime.Cluster;

/// <summary>This node's name and the resources it declares (silo metadata carries the same to other nodes).</summary>
internal sealed class NodeIdentity
{
    public const string NodeIdKey = "switchyard.node_id";
    public const string CpusKey = "switchyard.num_cpus";
    public const string GpusKey = "switchyard.num_gpus";
    public const string CustomKey = "switchyard.custom";

    public required string NodeId { get; init; }
    public required double NumCpus { get; init; }
    public required int NumGpus { get; init; }
    public IReadOnlyDictionary<string, double> Custom { get; init; } = new Dictionary<string, double>();

    public Dictionary<string, string> ToMetadata() => new()
    {
        [NodeIdKey] = NodeId,
        [CpusKey] = NumCpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [GpusKey] = NumGpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CustomKey] = System.Text.Json.JsonSerializer.Serialize(Custom),
    };
}
