using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control;

/// <summary>The cluster's nodes as this silo sees them now, with the silo behind each node id (for placement hints).</summary>
internal sealed record ClusterSnapshot(IReadOnlyList<ClusterNode> Nodes, IReadOnlyDictionary<string, SiloAddress> Silos, string LocalNodeId)
{
    public IEnumerable<ClusterNode> Alive => Nodes.Where(n => n.IsAlive);

    public SiloAddress? SiloOf(string nodeId) => Silos.GetValueOrDefault(nodeId);
}
