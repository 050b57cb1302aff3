using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Views;

/// <summary>
/// Builds what routers see from the desired state and the replicas' statuses: every endpoint with its traffic table
/// and shadows, and every backend with the replicas that run and are not draining (so a replica leaves routing
/// before it is told to drain), its limits, and how many replicas are in each state. Pure logic.
/// </summary>
internal static class RoutingTableBuilder
{
    /// <summary>How often nodes report figures when nothing asks for more.</summary>
    public const double DefaultFigureIntervalS = 1;

    public static RoutingTable Build(DesiredState state, IReadOnlyDictionary<string, ReplicaStatus> statuses, long version)
    {
        ReplicaState StateOf(ReplicaEntry entry) =>
            entry.Draining ? ReplicaState.Draining : statuses.GetValueOrDefault(entry.Tag, ReplicaStatus.Adopted).State;

        var endpoints = state.Endpoints.Select(e => new EndpointTableEntry
        {
            Name = e.Key,
            Route = e.Value.Route,
            Methods = [.. e.Value.Methods],
            Traffic = e.Value.Table,
            Shadows = [.. e.Value.Shadows],
            RolloutStep = e.Value.RunningRollout?.Step,
            Guard = Guard(e.Value.RunningRollout),
        }).ToArray();
        var backends = state.Backends.Select(b => new BackendTableEntry
        {
            Name = b.Key,
            Replicas = b.Value.Replicas.Where(r => StateOf(r) == ReplicaState.Running).Select(r => r.Tag).ToArray(),
            MaxConcurrentQueries = b.Value.Spec.Config.MaxConcurrentQueries,
            MaxQueuedRequests = b.Value.Spec.Config.MaxQueuedRequests,
            RequestTimeoutS = b.Value.Spec.Config.RequestTimeoutS,
            StateCounts = CountStates(b.Value.Replicas.Select(StateOf)),
            AutoscaleTarget = b.Value.AutoscaleTarget,
        }).ToArray();
        return new RoutingTable { Version = version, Endpoints = endpoints, Backends = backends, FigureIntervalS = FigureInterval(state) };
    }

    /// <summary>
    /// How often nodes report their figures: every second, or as often as the most eager autoscaled backend asks
    /// (<c>metrics_interval_s</c>), or ten times per step of a running rollout, so a failing step is seen early.
    /// </summary>
    public static double FigureInterval(DesiredState state)
    {
        var interval = DefaultFigureIntervalS;
        foreach (var backend in state.Backends.Values)
        {
            interval = Math.Min(interval, backend.Spec.Config.AutoscalingConfig?.MetricsIntervalS ?? interval);
        }

        foreach (var endpoint in state.Endpoints.Values)
        {
            interval = Math.Min(interval, endpoint.RunningRollout?.Spec.StepIntervalS / 10 ?? interval);
        }

        return Math.Max(SpecValidator.MinMetricsIntervalS, interval);
    }

    /// <summary>What lets each node stop a running rollout's step on its own: only with an error-rate threshold (p99 is judged by the controller alone).</summary>
    public static RolloutGuard? Guard(RolloutState? rollout) => rollout?.Spec.Analysis.MaxErrorRate is { } maxErrorRate
        ? new RolloutGuard
        {
            Target = rollout.To,
            Step = rollout.Step,
            StepStartedTicks = rollout.StepStartedAt.UtcTicks,
            MinRequests = rollout.Spec.Analysis.MinRequests,
            MaxErrorRate = maxErrorRate,
            Fallback = rollout.BeforeTable,
        }
        : null;

    private static int[] CountStates(IEnumerable<ReplicaState> states)
    {
        var counts = new int[Enum.GetValues<ReplicaState>().Length];
        foreach (var state in states)
        {
            counts[(int)state]++;
        }

        return counts;
    }
}
