using System.Diagnostics.Metrics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>The gauges this router feeds from its latest routing table, read when metrics are collected.</summary>
internal sealed partial class Router
{
    /// <summary>Replicas by backend and state (every state, zeros included).</summary>
    private IEnumerable<Measurement<long>> ReplicaCounts()
    {
        foreach (var backend in _table.Backends)
        {
            for (var state = ReplicaState.Starting; state <= ReplicaState.Failed; state++)
            {
                var count = (int)state < backend.StateCounts.Length ? backend.StateCounts[(int)state] : 0;
                yield return new(count, new KeyValuePair<string, object?>("backend", backend.Name), new KeyValuePair<string, object?>("state", ReplicaStateNames.Name(state)));
            }
        }
    }

    /// <summary>-1 for every backend until an autoscaler publishes targets in the table.</summary>
    private IEnumerable<Measurement<long>> AutoscalingTargets()
    {
        foreach (var backend in _table.Backends)
        {
            yield return new(-1, new KeyValuePair<string, object?>("backend", backend.Name));
        }
    }

    /// <summary>-1 for every endpoint until a rollout stepper publishes steps in the table.</summary>
    private IEnumerable<Measurement<long>> RolloutSteps()
    {
        foreach (var endpoint in _table.Endpoints)
        {
            yield return new(-1, new KeyValuePair<string, object?>("endpoint", endpoint.Name));
        }
    }
}
