using System.Globalization;

namespace Switchyard.Runtime.Placement;

/// <summary>
/// Chooses a node for one replica: among the nodes with every requested resource free, the one holding the
/// fewest replicas of the same backend (spread, so one node's loss does not take them all), then the one with
/// the most free CPUs. Fractional GPUs share a device (best fit, so fractions pack); whole GPUs take free devices.
/// Pure logic: the controller keeps the ledger and carries the decision out through Orleans placement.
/// </summary>
internal static class PlacementPlanner
{
    private const double Epsilon = 1e-9;

    public static PlacementDecision Place(BackendResources need, IReadOnlyList<NodeCapacity> nodes, Func<string, int> replicasOfBackendOn)
    {
        if (nodes.Count == 0)
        {
            return PlacementDecision.Pending("no node is alive");
        }

        NodeCapacity? best = null;
        int[] bestGpus = [];
        foreach (var node in nodes)
        {
            if (!Fits(need, node, out var gpus))
            {
                continue;
            }

            if (best is null || Better(node, best, replicasOfBackendOn))
            {
                best = node;
                bestGpus = gpus;
            }
        }

        return best is null ? PlacementDecision.Pending(Explain(need, nodes)) : new PlacementDecision(best.NodeId, bestGpus, null);
    }

    private static bool Better(NodeCapacity candidate, NodeCapacity current, Func<string, int> replicasOn)
    {
        var a = replicasOn(candidate.NodeId);
        var b = replicasOn(current.NodeId);
        if (a != b)
        {
            return a < b;
        }

        if (Math.Abs(candidate.FreeCpus - current.FreeCpus) > Epsilon)
        {
            return candidate.FreeCpus > current.FreeCpus;
        }

        return string.CompareOrdinal(candidate.NodeId, current.NodeId) < 0;
    }

    public static bool Fits(BackendResources need, NodeCapacity node, out int[] gpuIds)
    {
        gpuIds = [];
        if (need.NumCpus > node.FreeCpus + Epsilon)
        {
            return false;
        }

        foreach (var (name, amount) in need.Custom)
        {
            if (amount > node.FreeCustom.GetValueOrDefault(name) + Epsilon)
            {
                return false;
            }
        }

        if (need.NumGpus <= 0)
        {
            return true;
        }

        if (need.NumGpus < 1)
        {
            // Best fit: the device with the least free room that still fits, so fractions pack onto few GPUs.
            var device = -1;
            for (var i = 0; i < node.GpuFree.Length; i++)
            {
                if (node.GpuFree[i] + Epsilon >= need.NumGpus && (device < 0 || node.GpuFree[i] < node.GpuFree[device]))
                {
                    device = i;
                }
            }

            if (device < 0)
            {
                return false;
            }

            gpuIds = [device];
            return true;
        }

        var whole = (int)Math.Round(need.NumGpus);
        var free = Enumerable.Range(0, node.GpuFree.Length).Where(i => node.GpuFree[i] >= 1 - Epsilon).Take(whole).ToArray();
        if (free.Length < whole)
        {
            return false;
        }

        gpuIds = free;
        return true;
    }

    private static string Explain(BackendResources need, IReadOnlyList<NodeCapacity> nodes)
    {
        var missing = new List<string>();
        if (need.NumCpus > 0 && nodes.Max(n => n.FreeCpus) + Epsilon < need.NumCpus)
        {
            missing.Add($"num_cpus={Format(need.NumCpus)}, most free on any node is {Format(nodes.Max(n => n.FreeCpus))}");
        }

        if (need.NumGpus > 0)
        {
            var most = need.NumGpus < 1
                ? nodes.Max(n => n.GpuFree.DefaultIfEmpty(0).Max())
                : nodes.Max(n => n.GpuFree.Count(f => f >= 1 - Epsilon));
            if (most + Epsilon < need.NumGpus)
            {
                var unit = need.NumGpus < 1 ? "on one GPU" : "whole GPUs";
                missing.Add($"num_gpus={Format(need.NumGpus)}, most free on any node is {Format(most)} ({unit})");
            }
        }

        foreach (var (name, amount) in need.Custom.Where(c => c.Value > 0))
        {
            var most = nodes.Max(n => n.FreeCustom.GetValueOrDefault(name));
            if (most + Epsilon < amount)
            {
                missing.Add($"{name}={Format(amount)}, most free on any node is {Format(most)}");
            }
        }

        return missing.Count > 0
            ? "needs " + string.Join("; needs ", missing)
            : "no single node has all of the requested resources free at once";
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
