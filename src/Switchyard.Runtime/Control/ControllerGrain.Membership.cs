using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>The alive nodes at the last tick (id → silo address); null before the first.</summary>
    private Dictionary<string, string>? _knownNodes;

    /// <summary>Writes one line per node that joined or left since the last tick (the controller speaks for the cluster).</summary>
    private void LogMembershipChanges()
    {
        var alive = _membership.Snapshot().Alive.ToDictionary(n => n.NodeId, n => n.Address, StringComparer.Ordinal);
        if (_knownNodes is null)
        {
            Log.NodesSeen(_logger, string.Join(", ", alive.Keys.Order(StringComparer.Ordinal)));
        }
        else
        {
            var (joined, left) = NodeChanges.Diff(_knownNodes, alive);
            if (left.Count > 0)
            {
                var members = ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values;
                foreach (var node in left)
                {
                    var address = _knownNodes[node];
                    var status = members.FirstOrDefault(m => m.SiloAddress.ToParsableString() == address)?.Status switch
                    {
                        SiloStatus.Dead => "dead",
                        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting_down",
                        null => "gone",
                        var other => other.ToString()!.ToLowerInvariant(),
                    };
                    Log.NodeLeft(_logger, node, address, status);
                }
            }

            foreach (var node in joined)
            {
                Log.NodeJoined(_logger, node, alive[node]);
            }
        }

        _knownNodes = alive;
    }
}
