using System.Text.Json;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>
    /// One log line per acknowledged change between two stored states: backends created, reconfigured, replaced or
    /// deleted; endpoints created, updated or deleted; traffic and shadows with their old and new values; autoscaling
    /// targets, rollout steps and verdicts. Written
    /// where every state is stored, so commands, deployments and control loops all say what they changed.
    /// </summary>
    private void LogChanges(DesiredState before, DesiredState after)
    {
        foreach (var (name, backend) in after.Backends)
        {
            if (!before.Backends.TryGetValue(name, out var old))
            {
                Log.BackendCreated(_logger, name, backend.Spec.Class, backend.Spec.Config.NumReplicas);
            }
            else if (old.Generation != backend.Generation)
            {
                Log.BackendReplaced(_logger, name, backend.Spec.Class, backend.Spec.Config.NumReplicas);
            }
            else if (!ReferenceEquals(old.Spec.Config, backend.Spec.Config) && Json(old.Spec.Config) != Json(backend.Spec.Config))
            {
                Log.BackendConfigured(_logger, name, backend.Spec.Config.NumReplicas);
            }
        }

        foreach (var name in before.Backends.Keys.Where(n => !after.Backends.ContainsKey(n)))
        {
            Log.BackendDeleted(_logger, name);
        }

        foreach (var (name, endpoint) in after.Endpoints)
        {
            if (!before.Endpoints.TryGetValue(name, out var old))
            {
                Log.EndpointCreated(_logger, name, endpoint.Route ?? "(handle only)", string.Join(",", endpoint.Traffic.Keys));
                continue;
            }

            if (old.Route != endpoint.Route || !old.Methods.SequenceEqual(endpoint.Methods))
            {
                Log.EndpointUpdated(_logger, name, endpoint.Route ?? "(handle only)", string.Join(",", endpoint.Methods));
            }

            if (!SameWeights(old.Traffic, endpoint.Traffic))
            {
                Log.TrafficChanged(_logger, name, Json(old.Traffic), Json(endpoint.Traffic));
            }

            foreach (var backend in old.Shadows.Keys.Union(endpoint.Shadows.Keys).Order(StringComparer.Ordinal))
            {
                var was = old.Shadows.GetValueOrDefault(backend);
                var now = endpoint.Shadows.GetValueOrDefault(backend);
                if (was != now)
                {
                    Log.ShadowChanged(_logger, name, backend, was, now);
                }
            }
        }

        foreach (var name in before.Endpoints.Keys.Where(n => !after.Endpoints.ContainsKey(n)))
        {
            Log.EndpointDeleted(_logger, name);
        }

        LogLoopChanges(before, after);
    }

    /// <summary>Why a reconcile step drains a replica, read from the state before the step.</summary>
    private string DrainReason(DesiredState before, string backend, string tag)
    {
        if (before.Backends.TryGetValue(backend, out var state) && state.Find(tag) is { } entry && entry.Generation != state.Generation)
        {
            return "replaced by the backend's new version";
        }

        if (state?.Find(tag) is { NodeId: { } node } && _leaving.ContainsKey(node))
        {
            return $"moved off node '{node}', which is leaving";
        }

        var status = StatusOf(tag);
        return status.State == ReplicaState.Failed ? $"replaced after failing: {status.Reason}" : "scaled down";
    }

    private static string NodeOf(DesiredState state, string tag) =>
        state.Backends.Values.Select(b => b.Find(tag)).FirstOrDefault(e => e is not null)?.NodeId ?? "(none)";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static bool SameWeights(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var w) && w == kv.Value);
}
