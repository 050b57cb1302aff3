using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await CheckActingAsync(cancellationToken) is not null)
            {
                return;
            }

            LogMembershipChanges();
            await HealthCheckAsync(cancellationToken);
            if (!_published)
            {
                _published = true;
                Publish();
            }

            foreach (var name in _desired.Backends.Keys)
            {
                await ReconcileAsync(name, cancellationToken);
            }

            await RunControlLoopsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TickFailed(_logger, ex);
        }
    }

    /// <summary>One reconcile step for one backend: stored first when it changes replica entries, then carried out.</summary>
    private async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        var cluster = _membership.Snapshot();
        var leaving = LeavingNodes(cluster);
        var usable = cluster.Alive.Where(n => !leaving.Contains(n.NodeId) && !_suspects.IsSuspect(n.Address));
        var ledger = Reservations.Ledger(usable.Select(n => n.Resources), _desired, _retired.Values, _statuses);
        var step = ReconcileStep.Plan(_desired, name, _statuses, ledger, _time, leaving);
        var before = _desired;
        if (step.IsEmpty || (step.Changed && await StoreAsync(step.State) is not null))
        {
            return;
        }

        var drains = step.Drain.Select(tag => (Tag: tag, Reason: DrainReason(before, name, tag))).ToList();

        Apply(step.Statuses);
        foreach (var retired in step.Retire)
        {
            _retired[retired.Entry.Tag] = retired;
        }

        // Routers stop choosing draining replicas before the replicas are told to drain.
        Publish();
        foreach (var (tag, reason) in drains)
        {
            Log.ReplicaDraining(_logger, tag, NodeOf(before, tag), reason);
            _replicas.Drain(tag);
        }

        // Started all at once: one slow node must not hold the others' replicas back.
        foreach (var start in step.Start)
        {
            Log.ReplicaPlaced(_logger, start.Tag, start.NodeId, string.Join(",", start.GpuIds));
        }

        var starts = step.Start.Select(start => (start, Error: _replicas.StartAsync(
            new ReplicaSpec { Backend = name, ReplicaTag = start.Tag, Spec = _desired.Backends[name].Spec, GpuIds = [.. start.GpuIds] },
            cluster.SiloOf(start.NodeId),
            cancellationToken))).ToList();
        await Task.WhenAll(starts.Select(s => s.Error));
        foreach (var (start, error) in starts)
        {
            if (error.Result is { } reason)
            {
                if (cluster.Alive.FirstOrDefault(n => n.NodeId == start.NodeId) is { } node)
                {
                    _suspects.Suspect(node.Address);
                }

                Fail(start.Tag, $"could not start on node '{start.NodeId}': {reason}");
            }
        }

        Publish();
        NotifyReplicasChanged();
    }

    private async Task ApplyConfigAsync(string name, CancellationToken cancellationToken)
    {
        var backend = _desired.Backends[name];
        var running = backend.Replicas
            .Where(r => !r.Draining && StatusOf(r.Tag).State == ReplicaState.Running)
            .Select(r => ReconfigureAsync(r.Tag, backend.Spec.Config, cancellationToken));
        await Task.WhenAll(running);
    }

    private async Task ReconfigureAsync(string tag, BackendConfig config, CancellationToken cancellationToken)
    {
        if (await _replicas.ReconfigureAsync(tag, config, cancellationToken) && _statuses.TryGetValue(tag, out var status))
        {
            _statuses[tag] = status with { AppliedConfig = config };
        }
    }

    /// <summary>Drains every replica of a backend that left the desired state; each keeps its reservation until it stops.</summary>
    private void RetireAll(string name, BackendState backend)
    {
        var (retired, statuses) = Retirement.Plan(name, backend, _statuses);
        Apply(statuses);
        foreach (var replica in retired)
        {
            _retired[replica.Entry.Tag] = replica;
            Log.ReplicaDraining(_logger, replica.Entry.Tag, replica.Entry.NodeId ?? "(none)", "its backend was deleted");
            _replicas.Drain(replica.Entry.Tag);
        }
    }

    /// <summary>Takes replicas' new statuses (null forgets one), saying when one becomes pending.</summary>
    private void Apply(IReadOnlyDictionary<string, ReplicaStatus?> statuses)
    {
        foreach (var (tag, status) in statuses)
        {
            if (status is null)
            {
                _statuses.Remove(tag);
                continue;
            }

            if (status.State == ReplicaState.Pending && StatusOf(tag).State != ReplicaState.Pending)
            {
                Log.ReplicaPending(_logger, tag, status.Reason!);
            }

            _statuses[tag] = status;
        }
    }

    private void Fail(string tag, string reason)
    {
        var status = FailureBackoff.Fail(StatusOf(tag), reason, _time);
        _statuses[tag] = status;
        Log.ReplicaFailed(_logger, tag, NodeOf(_desired, tag), reason, FailureBackoff.Delay(status.Failures).TotalSeconds);
    }

    private void Forget(string tag)
    {
        _retired.Remove(tag);
        _statuses.Remove(tag);
    }
}
