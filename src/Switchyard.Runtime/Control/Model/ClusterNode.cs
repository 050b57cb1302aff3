using Switchyard.Runtime.Placement;

namespace Switchyard.Runtime.Control.Model;

/// <summary>A node as membership and its metadata describe it (the silo behind it stays with the grain shell).</summary>
/// <param name="Resources">Its id and declared totals.</param>
/// <param name="Status"><c>joining</c>, <c>alive</c>, <c>shutting_down</c> or <c>dead</c>.</param>
/// <param name="Address">Where it is, for display.</param>
internal sealed record ClusterNode(NodeResources Resources, string Status, string Address)
{
    public string NodeId => Resources.NodeId;

    public bool IsAlive => Status == "alive";
}
