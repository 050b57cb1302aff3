using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Views;

/// <summary>How the admin API and clients see the desired state and the replicas' statuses. Pure logic.</summary>
internal static class StateViews
{
    public static BackendInfo Backend(BackendState backend, IReadOnlyDictionary<string, ReplicaStatus> statuses, AutoscalingStatus? autoscaling = null) => new()
    {
        Autoscaling = autoscaling,
        Class = backend.Spec.Class,
        Config = backend.Spec.Config,
        Resources = backend.Spec.Resources,
        Replicas = backend.Replicas.Select(r =>
        {
            var status = statuses.GetValueOrDefault(r.Tag, ReplicaStatus.Adopted);
            var state = r.Draining ? ReplicaState.Draining : status.State;
            return new ReplicaInfo
            {
                Tag = r.Tag,
                Node = r.NodeId,
                State = ReplicaStateNames.Name(state),
                Reason = state is ReplicaState.Failed or ReplicaState.Pending ? status.Reason : null,
                GpuIds = r.GpuIds,
            };
        }).ToList(),
    };

    public static Dictionary<string, BackendInfo> Backends(DesiredState state, IReadOnlyDictionary<string, ReplicaStatus> statuses, FigureWindow? figures = null, DateTimeOffset now = default) =>
        state.Backends.ToDictionary(b => b.Key, b => Backend(b.Value, statuses, Autoscaling(b.Key, b.Value, figures, now)), StringComparer.Ordinal);

    /// <summary>The autoscaler's target and the ongoing requests it sees over the look-back; null for a fixed count.</summary>
    public static AutoscalingStatus? Autoscaling(string name, BackendState backend, FigureWindow? figures, DateTimeOffset now)
    {
        if (backend.AutoscaleTarget is not { } target || backend.Spec.Config.AutoscalingConfig is not { } config)
        {
            return null;
        }

        var ongoing = figures?.Ongoing(name, now - TimeSpan.FromSeconds(config.LookBackPeriodS), now) ?? 0;
        return new AutoscalingStatus { TargetReplicas = target, OngoingRequests = Math.Round(ongoing, 3) };
    }

    public static EndpointInfo Endpoint(EndpointState endpoint, FigureWindow? figures = null) => new()
    {
        Route = endpoint.Route,
        Methods = [.. endpoint.Methods],
        Traffic = new Dictionary<string, double>(endpoint.Traffic),
        Shadows = new Dictionary<string, double>(endpoint.Shadows),
        Rollout = endpoint.Rollout is { } rollout ? RolloutViews.Info(endpoint, rollout, figures ?? new FigureWindow()) : null,
    };

    public static Dictionary<string, EndpointInfo> Endpoints(DesiredState state, FigureWindow? figures = null) =>
        state.Endpoints.ToDictionary(e => e.Key, e => Endpoint(e.Value, figures), StringComparer.Ordinal);

    /// <summary>
    /// True once the backend has its desired count of current-generation replicas and none of them is still starting
    /// (each runs, is pending or failed); a backend that does not exist is settled.
    /// </summary>
    public static bool IsSettled(DesiredState state, string backend, IReadOnlyDictionary<string, ReplicaStatus> statuses)
    {
        if (!state.Backends.TryGetValue(backend, out var record))
        {
            return true;
        }

        var current = record.Replicas.Where(r => r.Generation == record.Generation && !r.Draining).ToList();
        return current.Count == record.DesiredReplicas
            && current.All(r => statuses.GetValueOrDefault(r.Tag, ReplicaStatus.Adopted).State != ReplicaState.Starting);
    }
}
