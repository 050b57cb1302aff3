using System.Globalization;
using System.Text.Json;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Placement;

namespace Switchyard.Runtime.Control;

/// <summary>Reads the cluster's nodes from Orleans membership and the resources each node declared as silo metadata.</summary>
internal sealed class ClusterMembership(
    IClusterMembershipService membership,
    ISiloMetadataCache metadata,
    ILocalSiloDetails self,
    NodeIdentity local,
    TimeProvider time)
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Whether this silo is an active member in the latest membership view it has.</summary>
    public bool IsLocalActive => membership.CurrentSnapshot.GetSiloStatus(self.SiloAddress) == SiloStatus.Active;

    /// <summary>
    /// Reads the membership table afresh. A silo that finds itself declared dead stops here (Orleans ends the
    /// process); one whose store is unreachable gets the store's exception.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        await membership.Refresh(default, cancellationToken).AsTask().WaitAsync(RefreshTimeout, time, cancellationToken);

    public ClusterSnapshot Snapshot(bool includeInactive = false)
    {
        var nodes = new List<(ClusterNode Node, SiloAddress Silo)>();
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            var status = member.Status switch
            {
                SiloStatus.Active => "alive",
                SiloStatus.Joining or SiloStatus.Created => "joining",
                SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting_down",
                _ => "dead",
            };
            if (!includeInactive && status != "alive")
            {
                continue;
            }

            if (member.SiloAddress.Equals(self.SiloAddress))
            {
                nodes.Add((new ClusterNode(new NodeResources(local.NodeId, local.NumCpus, local.NumGpus, local.Custom), status, member.SiloAddress.ToParsableString()), member.SiloAddress));
                continue;
            }

            var data = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
            if (!data.TryGetValue(NodeIdentity.NodeIdKey, out var nodeId))
            {
                continue; // not a Switchyard node (or its metadata has not arrived yet)
            }

            var resources = new NodeResources(
                nodeId,
                ParseDouble(data.GetValueOrDefault(NodeIdentity.CpusKey)),
                (int)ParseDouble(data.GetValueOrDefault(NodeIdentity.GpusKey)),
                data.TryGetValue(NodeIdentity.CustomKey, out var custom) ? JsonSerializer.Deserialize<Dictionary<string, double>>(custom) ?? [] : []);
            nodes.Add((new ClusterNode(resources, status, member.SiloAddress.ToParsableString()), member.SiloAddress));
        }

        // A dead node's id may come back on a new silo: show each id once, preferring the live one.
        var chosen = nodes
            .GroupBy(n => n.Node.NodeId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(n => n.Node.IsAlive ? 0 : 1).ThenByDescending(n => n.Silo.Generation).First())
            .OrderBy(n => n.Node.NodeId, StringComparer.Ordinal)
            .ToList();
        return new ClusterSnapshot(
            chosen.Select(n => n.Node).ToList(),
            chosen.ToDictionary(n => n.Node.NodeId, n => n.Silo, StringComparer.Ordinal),
            local.NodeId);
    }

    private static double ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
}
