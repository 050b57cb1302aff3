using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Placement;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PendingRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await HealthCheckAsync(cancellationToken);
            foreach (var name in State.Backends.Keys.ToList())
            {
                await ReconcileAsync(name, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TickFailed(_logger, ex);
        }
    }

    public async Task ReportReplicaAsync(ReplicaReport report, CancellationToken cancellationToken)
    {
        if (_retired.TryGetValue(report.ReplicaTag, out var retired))
        {
            if (report.State == ReplicaState.Stopped)
            {
                _retired.Remove(report.ReplicaTag);
                _replicas.Remove(report.ReplicaTag);
            }

            return;
        }

        if (!State.Backends.TryGetValue(report.Backend, out var backend)
            || backend.Replicas.Find(r => r.Tag == report.ReplicaTag) is not { } record)
        {
            return;
        }

        var runtime = RuntimeOf(record.Tag);
        if (record.Draining)
        {
            if (report.State == ReplicaState.Stopped)
            {
                backend.Replicas.Remove(record);
                _replicas.Remove(record.Tag);
                await PersistAsync();
                Publish();
                NotifyReplicasChanged();
            }

            return;
        }

        switch (report.State)
        {
            case ReplicaState.Running:
                runtime.State = ReplicaState.Running;
                runtime.Reason = null;
                runtime.Failures = 0;
                Log.ReplicaRunning(_logger, record.Tag, report.NodeId);
                if (!ReferenceEquals(runtime.AppliedConfig, backend.Spec.Config))
                {
                    await ReconfigureReplicaAsync(record.Tag, runtime, backend.Spec.Config, cancellationToken);
                }

                break;
            case ReplicaState.Failed:
                MarkFailed(record.Tag, runtime, report.Reason ?? "the replica failed");
                break;
            default:
                return;
        }

        Publish();
        NotifyReplicasChanged();
        await ReconcileAsync(report.Backend, cancellationToken);
    }

    private async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        if (!State.Backends.TryGetValue(name, out var backend))
        {
            return;
        }

        var now = _time.GetTimestamp();
        var views = backend.Replicas
            .Select(r =>
            {
                var runtime = RuntimeOf(r.Tag);
                return new ReplicaView(r.Tag, r.Generation, r.Draining ? ReplicaState.Draining : runtime.State, now >= runtime.NextAttempt);
            })
            .ToList();
        var plan = ReconcilePlanner.Plan(backend.Spec.Config.NumReplicas, backend.Generation, views);
        if (plan.IsEmpty)
        {
            return;
        }

        var toDrain = new List<string>();
        foreach (var tag in plan.ToDrain)
        {
            var record = backend.Replicas.Find(r => r.Tag == tag)!;
            if (RuntimeOf(tag).State == ReplicaState.Pending)
            {
                backend.Replicas.Remove(record);
                _replicas.Remove(tag);
                continue;
            }

            record.Draining = true;
            RuntimeOf(tag).State = ReplicaState.Draining;
            toDrain.Add(tag);
        }

        var toStart = new List<ReplicaRecord>();
        foreach (var tag in plan.ToRetry)
        {
            var record = backend.Replicas.Find(r => r.Tag == tag)!;
            var runtime = RuntimeOf(tag);
            if (runtime.State == ReplicaState.Pending)
            {
                toStart.Add(record);
                continue;
            }

            // A failed replica is replaced by a fresh one (a new grain), carrying the failure count for backoff.
            backend.Replicas.Remove(record);
            _replicas.Remove(tag);
            toDrain.Add(tag);
            _retired[tag] = (name, record);
            var replacement = NewReplica(name, backend);
            RuntimeOf(replacement.Tag).Failures = runtime.Failures;
            toStart.Add(replacement);
        }

        for (var i = 0; i < plan.ToCreate; i++)
        {
            toStart.Add(NewReplica(name, backend));
        }

        // Routers stop choosing draining replicas before the replicas are told to drain.
        Publish();
        foreach (var tag in toDrain)
        {
            DrainReplica(tag);
        }

        foreach (var record in toStart)
        {
            await PlaceAndStartAsync(name, backend, record, cancellationToken);
        }

        await PersistAsync();
        Publish();
        NotifyReplicasChanged();
    }

    private ReplicaRecord NewReplica(string name, BackendRecord backend)
    {
        var record = new ReplicaRecord { Tag = $"{name}#{++State.NextReplicaId}", Generation = backend.Generation };
        backend.Replicas.Add(record);
        _replicas[record.Tag] = new ReplicaRuntime();
        return record;
    }

    private async Task PlaceAndStartAsync(string name, BackendRecord backend, ReplicaRecord record, CancellationToken cancellationToken)
    {
        var runtime = RuntimeOf(record.Tag);
        var nodes = ClusterNodes();
        var capacities = Capacities(nodes, exclude: record.Tag);
        var decision = PlacementPlanner.Place(
            backend.Spec.Resources,
            capacities,
            node => backend.Replicas.Count(r => r.NodeId == node && r.Tag != record.Tag && !r.Draining));
        if (!decision.Placed)
        {
            record.NodeId = null;
            record.GpuIds = [];
            if (runtime.State != ReplicaState.Pending)
            {
                Log.ReplicaPending(_logger, record.Tag, decision.Reason!);
            }

            runtime.State = ReplicaState.Pending;
            runtime.Reason = decision.Reason;
            runtime.NextAttempt = _time.GetTimestamp() + (long)(PendingRetry.TotalSeconds * _time.TimestampFrequency);
            return;
        }

        record.NodeId = decision.NodeId;
        record.GpuIds = decision.GpuIds;
        runtime.State = ReplicaState.Starting;
        runtime.Reason = null;
        runtime.StartRequested = true;
        runtime.AppliedConfig = backend.Spec.Config;
        var silo = nodes.First(n => n.NodeId == decision.NodeId).Silo;
        var spec = new ReplicaSpec { Backend = name, ReplicaTag = record.Tag, Spec = backend.Spec, GpuIds = decision.GpuIds };
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            // Bounded: a node that is dying but not yet declared dead must not hold the controller up.
            await GrainFactory.GetGrain<IReplicaGrain>(record.Tag).StartAsync(spec, cancellationToken).WaitAsync(StartTimeout, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MarkFailed(record.Tag, runtime, $"could not start on node '{decision.NodeId}': {ex.Message}");
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task HealthCheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<(string Backend, ReplicaRecord Record, Task<ReplicaState?> State)>();
        foreach (var (name, backend) in State.Backends)
        {
            foreach (var record in backend.Replicas)
            {
                var runtime = RuntimeOf(record.Tag);
                if (record.Draining || runtime.State is ReplicaState.Starting or ReplicaState.Running)
                {
                    var call = GrainFactory.GetGrain<IReplicaGrain>(record.Tag).GetStateAsync(cancellationToken);
                    checks.Add((name, record, call.WaitAsync(HealthCheckTimeout, _time, cancellationToken)));
                }
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(checks.Select(c => c.State));
        }
        catch
        {
            // Each outcome is looked at below.
        }

        var changed = false;
        var persist = false;
        foreach (var (name, record, call) in checks)
        {
            if (!State.Backends.TryGetValue(name, out var backend) || !backend.Replicas.Contains(record))
            {
                continue;
            }

            var runtime = RuntimeOf(record.Tag);
            var state = call.IsCompletedSuccessfully ? call.Result : null;
            if (record.Draining)
            {
                if (!call.IsCompletedSuccessfully || state is null or ReplicaState.Stopped)
                {
                    backend.Replicas.Remove(record);
                    _replicas.Remove(record.Tag);
                    persist = changed = true;
                }

                continue;
            }

            if (!call.IsCompletedSuccessfully)
            {
                MarkFailed(record.Tag, runtime, $"replica unreachable: {call.Exception?.InnerException?.Message ?? "no answer"}");
                changed = true;
            }
            else if (state is null)
            {
                if (runtime.StartRequested)
                {
                    MarkFailed(record.Tag, runtime, "replica was lost (its node or activation went away)");
                }
                else
                {
                    // Known from storage but not running anywhere (the cluster restarted): replace it now.
                    runtime.State = ReplicaState.Failed;
                    runtime.Reason = "restarting after a restart of the cluster";
                    runtime.NextAttempt = 0;
                }

                changed = true;
            }
            else if (state != runtime.State && state is ReplicaState.Running or ReplicaState.Failed)
            {
                runtime.State = state.Value;
                runtime.StartRequested = true;
                changed = true;
            }
        }

        if (persist)
        {
            await PersistAsync();
        }

        if (changed)
        {
            Publish();
            NotifyReplicasChanged();
        }
    }

    private async Task ApplyConfigAsync(string name, BackendRecord backend, CancellationToken cancellationToken)
    {
        var running = backend.Replicas
            .Where(r => !r.Draining && RuntimeOf(r.Tag).State == ReplicaState.Running)
            .Select(r => ReconfigureReplicaAsync(r.Tag, RuntimeOf(r.Tag), backend.Spec.Config, cancellationToken));
        await Task.WhenAll(running);
    }

    private async Task ReconfigureReplicaAsync(string tag, ReplicaRuntime runtime, BackendConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<IReplicaGrain>(tag).ReconfigureAsync(config, cancellationToken);
            runtime.AppliedConfig = config;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReconfigureFailed(_logger, tag, ex);
        }
    }

    private void RetireAll(string name, BackendRecord backend)
    {
        foreach (var record in backend.Replicas)
        {
            _retired[record.Tag] = (name, record);
            if (RuntimeOf(record.Tag).State != ReplicaState.Pending)
            {
                DrainReplica(record.Tag);
            }
        }
    }

    private void DrainReplica(string tag)
    {
        var drain = GrainFactory.GetGrain<IReplicaGrain>(tag).DrainAsync(CancellationToken.None);
        drain.ContinueWith(
            static (t, state) => Log.DrainFailed((ILogger)state!, t.Exception!.InnerException!),
            _logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void MarkFailed(string tag, ReplicaRuntime runtime, string reason)
    {
        runtime.State = ReplicaState.Failed;
        runtime.Reason = reason;
        runtime.Failures++;
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 0.5 * Math.Pow(2, runtime.Failures - 1)));
        runtime.NextAttempt = _time.GetTimestamp() + (long)(backoff.TotalSeconds * _time.TimestampFrequency);
        Log.ReplicaFailed(_logger, tag, reason, backoff.TotalSeconds);
    }
}
