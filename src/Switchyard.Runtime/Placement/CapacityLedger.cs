namespace Switchyard.Runtime.Placement;

/// <summary>
/// Free resources per node: the declared totals less every reservation. The controller builds one for each decision
/// from the replicas that still hold something, so nothing is remembered between decisions and a reservation ends
/// the moment its replica no longer counts. Placing through the ledger reserves at once, so the next placement of
/// the same decision sees what the previous one took. Pure logic, no Orleans.
/// </summary>
internal sealed class CapacityLedger
{
    private readonly List<NodeBook> _nodes;

    public CapacityLedger(IEnumerable<NodeResources> nodes, IEnumerable<Reservation> reservations)
    {
        _nodes = nodes.Select(n => new NodeBook(n)).ToList();
        foreach (var reservation in reservations)
        {
            Reserve(reservation);
        }
    }

    /// <summary>What each node has free now, in the order the nodes were given; CPUs and GPUs never below zero.</summary>
    public IReadOnlyList<NodeCapacity> Capacities() => _nodes
        .Select(n => new NodeCapacity(n.NodeId, Math.Max(0, n.Cpus), n.Gpus.Select(g => Math.Max(0, g)).ToArray(), new Dictionary<string, double>(n.Custom)))
        .ToList();

    /// <summary>Takes <paramref name="reservation"/> from its node; a reservation on a node not in the ledger holds nothing.</summary>
    public void Reserve(Reservation reservation)
    {
        if (_nodes.Find(n => n.NodeId == reservation.NodeId) is not { } node)
        {
            return;
        }

        var resources = reservation.Resources;
        node.Cpus -= resources.NumCpus;

        // A fractional request shares one device; whole GPUs take each listed device entirely.
        var share = resources.NumGpus < 1 ? resources.NumGpus : 1;
        foreach (var id in reservation.GpuIds.Where(i => i >= 0 && i < node.Gpus.Length))
        {
            node.Gpus[id] -= share;
        }

        foreach (var (name, amount) in resources.Custom)
        {
            node.Custom[name] = node.Custom.GetValueOrDefault(name) - amount;
        }
    }

    /// <summary>Chooses a node for one replica (see <see cref="PlacementPlanner"/>) and, when one fits, reserves there.</summary>
    public PlacementDecision Place(BackendResources need, Func<string, int> replicasOfBackendOn)
    {
        var decision = PlacementPlanner.Place(need, Capacities(), replicasOfBackendOn);
        if (decision.Placed)
        {
            Reserve(new Reservation(decision.NodeId!, need, decision.GpuIds));
        }

        return decision;
    }

    private sealed class NodeBook(NodeResources node)
    {
        public string NodeId { get; } = node.NodeId;

        public double Cpus { get; set; } = node.NumCpus;

        public double[] Gpus { get; } = Enumerable.Repeat(1.0, Math.Max(0, node.NumGpus)).ToArray();

        public Dictionary<string, double> Custom { get; } = new(node.Custom, StringComparer.Ordinal);
    }
}
