using System.Collections.Immutable;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>Converts between the pure desired state and its stored shape (the Orleans-serialized classes beside it).</summary>
internal static class StoredState
{
    public static DesiredState ToDesired(ControllerState stored) => new()
    {
        Backends = stored.Backends.ToImmutableSortedDictionary(
            b => b.Key,
            b => new BackendState(b.Value.Spec, b.Value.Generation, [.. b.Value.Replicas.Select(ToEntry)], b.Value.Spec.Config.AutoscalingConfig is null ? null : b.Value.AutoscaleTarget ?? AutoscaleTargets.Initial(null, b.Value.Spec.Config)),
            StringComparer.Ordinal),
        Endpoints = stored.Endpoints.ToImmutableSortedDictionary(
            e => e.Key,
            e => new EndpointState(
                e.Value.Route,
                [.. e.Value.Methods],
                EndpointState.Freeze(e.Value.Traffic),
                e.Value.Table,
                EndpointState.Freeze(e.Value.Shadows),
                RolloutRecords.ToState(e.Value.Rollout)),
            StringComparer.Ordinal),
        NextReplicaId = stored.NextReplicaId,
        Calls = RecentCalls.From((stored.Calls ?? []).Select(c => new KeyValuePair<string, Outcome>(c.Key, new Outcome(c.Status, [], c.Deploy)))),
    };

    public static ControllerState FromDesired(DesiredState state) => new()
    {
        Backends = state.Backends.ToDictionary(
            b => b.Key,
            b => new BackendRecord { Spec = b.Value.Spec, Generation = b.Value.Generation, Replicas = [.. b.Value.Replicas.Select(FromEntry)], AutoscaleTarget = b.Value.AutoscaleTarget },
            StringComparer.Ordinal),
        Endpoints = state.Endpoints.ToDictionary(
            e => e.Key,
            e => new EndpointRecord
            {
                Route = e.Value.Route,
                Methods = [.. e.Value.Methods],
                Traffic = new Dictionary<string, double>(e.Value.Traffic, StringComparer.Ordinal),
                Table = e.Value.Table,
                Shadows = new Dictionary<string, double>(e.Value.Shadows, StringComparer.Ordinal),
                Rollout = RolloutRecords.FromState(e.Value.Rollout),
            },
            StringComparer.Ordinal),
        NextReplicaId = state.NextReplicaId,
        Calls = [.. state.Calls.Entries.Select(c => new CallRecord { Key = c.Key, Status = c.Value.Status, Deploy = c.Value.Deploy })],
    };

    private static ReplicaEntry ToEntry(ReplicaRecord record) =>
        new(record.Tag, record.Generation, record.NodeId, [.. record.GpuIds], record.Draining);

    private static ReplicaRecord FromEntry(ReplicaEntry entry) => new()
    {
        Tag = entry.Tag,
        Generation = entry.Generation,
        NodeId = entry.NodeId,
        GpuIds = [.. entry.GpuIds],
        Draining = entry.Draining,
    };
}
