using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>The alive nodes at the last tick (id → silo address); null before the first.</summary>
    private Dictionary<string, string>? _knownNodes;

    /// <summary>Writes one line per node that joined or left since the last tick (the controller speaks for the cluster).</summary>
    private void LogMembershipChanges()
    {
        var all = ClusterNodes(includeInactive: true);
        var alive = all.Where(n => n.Status == "alive").ToDictionary(n => n.NodeId, n => n.Silo.ToParsableString(), StringComparer.Ordinal);
        if (_knownNodes is null)
        {
            Log.NodesSeen(_logger, string.Join(", ", alive.Keys.Order(StringComparer.Ordinal)));
        }
        else
        {
            var (joined, left) = NodeChanges.Diff(_knownNodes, alive);
            foreach (var node in left)
            {
                Log.NodeLeft(_logger, node, _knownNodes[node], all.FirstOrDefault(n => n.NodeId == node && n.Status != "alive")?.Status ?? "gone");
            }

            foreach (var node in joined)
            {
                Log.NodeJoined(_logger, node, alive[node]);
            }
        }

        _knownNodes = alive;
    }
}
