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

    /// <summary>The autoscaler's target by backend, from the table; -1 for a backend with a fixed count.</summary>
    private IEnumerable<Measurement<long>> AutoscalingTargets()
    {
        foreach (var backend in _table.Backends)
        {
            yield return new(backend.AutoscaleTarget ?? -1, new KeyValuePair<string, object?>("backend", backend.Name));
        }
    }

    /// <summary>The running rollout's step by endpoint, from the table; -1 when none runs.</summary>
    private IEnumerable<Measurement<long>> RolloutSteps()
    {
        foreach (var endpoint in _table.Endpoints)
        {
            yield return new(endpoint.RolloutStep ?? -1, new KeyValuePair<string, object?>("endpoint", endpoint.Name));
        }
    }
}
