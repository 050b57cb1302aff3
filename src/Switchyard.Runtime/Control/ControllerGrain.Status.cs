using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Placement;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    public Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var nodes = ClusterNodes(includeInactive: true);
        var capacities = Capacities(nodes.Where(n => n.Status == "alive").ToList(), exclude: null).ToDictionary(c => c.NodeId);
        var statuses = nodes.Select(n =>
        {
            var total = new ResourceAmounts(n.NumCpus, n.NumGpus, new Dictionary<string, double>(n.Custom));
            var available = capacities.TryGetValue(n.NodeId, out var c)
                ? new ResourceAmounts(c.FreeCpus, c.GpuFree.Sum(), new Dictionary<string, double>(c.FreeCustom))
                : new ResourceAmounts(0, 0, []);
            return new NodeStatus(n.NodeId, n.Silo.ToParsableString(), n.Status, total, available);
        }).ToArray();

        var local = ServiceProvider.GetRequiredService<NodeIdentity>().NodeId;
        var status = new ClusterStatus(
            statuses,
            State.Backends.ToDictionary(b => b.Key, b => ToInfo(b.Value), StringComparer.Ordinal),
            State.Endpoints.ToDictionary(e => e.Key, e => e.Value.ToInfo(), StringComparer.Ordinal),
            local);
        return Task.FromResult(status);
    }

    private List<ClusterNode> ClusterNodes(bool includeInactive = false)
    {
        var membership = ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        var metadata = ServiceProvider.GetRequiredService<ISiloMetadataCache>();
        var self = ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var local = ServiceProvider.GetRequiredService<NodeIdentity>();
        var nodes = new List<ClusterNode>();
        foreach (var member in membership.Members.Values)
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

            if (member.SiloAddress.Equals(self))
            {
                nodes.Add(new ClusterNode(self, local.NodeId, status, local.NumCpus, local.NumGpus, local.Custom));
                continue;
            }

            var data = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
            if (!data.TryGetValue(NodeIdentity.NodeIdKey, out var nodeId))
            {
                continue; // not a Switchyard node (or its metadata has not arrived yet)
            }

            nodes.Add(new ClusterNode(
                member.SiloAddress,
                nodeId,
                status,
                ParseDouble(data.GetValueOrDefault(NodeIdentity.CpusKey)),
                (int)ParseDouble(data.GetValueOrDefault(NodeIdentity.GpusKey)),
                data.TryGetValue(NodeIdentity.CustomKey, out var custom)
                    ? JsonSerializer.Deserialize<Dictionary<string, double>>(custom) ?? []
                    : []));
        }

        // A dead node's id may come back on a new silo: show each id once, preferring the live one.
        return nodes
            .GroupBy(n => n.NodeId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(n => n.Status == "alive" ? 0 : 1).ThenByDescending(n => n.Silo.Generation).First())
            .OrderBy(n => n.NodeId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Free resources per live node: declared totals less what every placed replica reserves.</summary>
    private List<NodeCapacity> Capacities(List<ClusterNode> nodes, string? exclude)
    {
        var reservations = State.Backends.Values
            .SelectMany(b => b.Replicas.Select(r => (r, b.Spec.Resources)))
            .Concat(_retired.Values.Select(x => (x.Record, State.Backends.TryGetValue(x.Backend, out var b) ? b.Spec.Resources : new BackendResources())))
            .Where(x => x.Item1.NodeId is not null && x.Item1.Tag != exclude && RuntimeOf(x.Item1.Tag).State is not (ReplicaState.Pending or ReplicaState.Stopped))
            .ToList();
        var capacities = new List<NodeCapacity>(nodes.Count);
        foreach (var node in nodes)
        {
            var cpus = node.NumCpus;
            var gpus = Enumerable.Repeat(1.0, node.NumGpus).ToArray();
            var custom = new Dictionary<string, double>(node.Custom);
            foreach (var (record, resources) in reservations.Where(x => x.Item1.NodeId == node.NodeId))
            {
                cpus -= resources.NumCpus;
                var share = resources.NumGpus < 1 ? resources.NumGpus : 1;
                foreach (var id in record.GpuIds.Where(i => i < gpus.Length))
                {
                    gpus[id] -= share;
                }

                foreach (var (name, amount) in resources.Custom)
                {
                    custom[name] = custom.GetValueOrDefault(name) - amount;
                }
            }

            capacities.Add(new NodeCapacity(node.NodeId, Math.Max(0, cpus), gpus.Select(g => Math.Max(0, g)).ToArray(), custom));
        }

        return capacities;
    }

    private static double ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
}
