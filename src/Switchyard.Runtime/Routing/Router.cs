using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// This node's router: picks a backend by the endpoint's traffic table (shard key or random point), a replica
/// by load, copies to shadows, and applies the backend's queue bound and timeout. It reads only the current
/// snapshot: no control-plane call happens on a request's path.
/// </summary>
internal sealed partial class Router
{
    private const int MaxAttempts = 3;
    private const int MaxShadowsInFlight = 256;
    private static readonly TimeSpan SuspectPeriod = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly SwitchyardMetrics _metrics;
    private readonly ILogger<Router> _logger;
    private readonly Dictionary<string, BackendLane> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplicaSlot> _slots = new(StringComparer.Ordinal);
    private readonly object _applyLock = new();
    private readonly TaskCompletionSource _firstTable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RouterSnapshot _snapshot = RouterSnapshot.Empty;
    private TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile RoutingTable _table = RoutingTable.Empty;

    public Router(IGrainFactory grains, TimeProvider time, SwitchyardMetrics metrics, ILogger<Router> logger)
    {
        _grains = grains;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        metrics.Observe(ReplicaCounts, AutoscalingTargets, RolloutSteps);
    }

    public RouterSnapshot Snapshot => _snapshot;

    /// <summary>True once a routing table has arrived from the controller.</summary>
    public bool IsReady => _firstTable.Task.IsCompleted;

    public Task WhenReady => _firstTable.Task;

    /// <summary>Builds a snapshot for <paramref name="table"/> and swaps it in.</summary>
    public void Apply(RoutingTable table)
    {
        lock (_applyLock)
        {
            var slots = new Dictionary<string, ReplicaSlot>(StringComparer.Ordinal);
            var lanes = new Dictionary<string, BackendLane>(StringComparer.Ordinal);
            foreach (var backend in table.Backends)
            {
                var replicas = backend.Replicas
                    .Select(tag => _slots.TryGetValue(tag, out var slot) ? slot : new ReplicaSlot(tag, _grains.GetGrain<IReplicaGrain>(tag)))
                    .ToArray();
                foreach (var slot in replicas)
                {
                    slots[slot.Tag] = slot;
                }

                var settings = new LaneSettings(
                    replicas,
                    backend.MaxConcurrentQueries,
                    backend.MaxQueuedRequests,
                    backend.RequestTimeoutS is { } s ? TimeSpan.FromSeconds(s) : null);
                if (_lanes.TryGetValue(backend.Name, out var lane))
                {
                    lane.Update(settings);
                }
                else
                {
                    lane = new BackendLane(backend.Name, settings, _metrics.QueuedChanged);
                    _metrics.BackendAppeared(backend.Name);
                }

                lanes[backend.Name] = lane;
            }

            // Lanes of deleted backends get an empty replica list so their waiters give up.
            foreach (var (name, lane) in _lanes)
            {
                if (!lanes.ContainsKey(name))
                {
                    lane.Update(new LaneSettings([], 1, 0, null));
                }
            }

            var endpoints = new Dictionary<string, EndpointRoute>(StringComparer.Ordinal);
            foreach (var endpoint in table.Endpoints)
            {
                var laneByRange = endpoint.Traffic.Owners.Select(owner => LaneOf(lanes, owner)).ToArray();
                var shadows = endpoint.Shadows.Select(s => (LaneOf(lanes, s.Key), s.Value)).ToArray();
                endpoints[endpoint.Name] = new EndpointRoute(endpoint.Name, endpoint.Route, endpoint.Methods, endpoint.Traffic, laneByRange, shadows);
            }

            _lanes.Clear();
            foreach (var (name, lane) in lanes)
            {
                _lanes[name] = lane;
            }

            _slots.Clear();
            foreach (var (tag, slot) in slots)
            {
                _slots[tag] = slot;
            }

            _snapshot = new RouterSnapshot(table.Version, endpoints);
            _table = table;
        }

        _firstTable.TrySetResult();
        Interlocked.Exchange(ref _applied, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Log.RoutingApplied(_logger, table.Version);
    }

    /// <summary>Waits until this router has applied a table at least as new as <paramref name="version"/>.</summary>
    public async Task WaitForVersionAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            var applied = Volatile.Read(ref _applied);
            if (_snapshot.Version >= version)
            {
                return;
            }

            await applied.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request through <paramref name="endpoint"/>; every failure comes back as a response value.</summary>
    public async ValueTask<ReplicaResponse> InvokeAsync(EndpointRoute endpoint, ReplicaRequest request, CancellationToken cancellationToken)
    {
        var point = request.ShardKey is { } key ? ShardKeyHash.Point(key) : (uint)Random.Shared.NextInt64(1L << 32);
        var lane = endpoint.LaneFor(point);
        foreach (var (shadow, proportion) in endpoint.Shadows)
        {
            if (Random.Shared.NextDouble() < proportion)
            {
                Shadow(shadow, request);
            }
        }

        var started = _time.GetTimestamp();
        using var activity = StartRoute(endpoint, lane, request);
        var response = await InvokeLaneAsync(lane, request, activity, cancellationToken).ConfigureAwait(false);
        _metrics.RequestCompleted(endpoint.Name, lane.Name, response.StatusCode, _time.GetElapsedTime(started));
        EndRoute(activity, response);
        return response;
    }

    private async ValueTask<ReplicaResponse> InvokeLaneAsync(BackendLane lane, ReplicaRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        var timeout = lane.Settings.RequestTimeout;
        CancellationTokenSource? deadline = null;
        if (timeout is { } t)
        {
            deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(t);
        }

        var token = deadline?.Token ?? cancellationToken;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var slot = await lane.AcquireAsync(token).ConfigureAwait(false);
                if (slot is null)
                {
                    return lane.Settings.Replicas.Length == 0
                        ? ReplicaResponse.Problem(503, "Service Unavailable", $"Backend '{lane.Name}' has no running replica.")
                        : ReplicaResponse.Problem(503, "Service Unavailable", $"Backend '{lane.Name}' is at capacity and its queue is full.");
                }

                ReplicaResponse response;
                try
                {
                    response = activity is null
                        ? await slot.Grain.InvokeAsync(request, token).ConfigureAwait(false)
                        : await InvokeTracedAsync(slot, request, activity, attempt, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The replica's node is gone or unreachable: another replica may answer. The exception names
                    // silos and internals, so it goes to the log, not to the caller (CONTRACT section 7).
                    Log.ReplicaUnreachable(_logger, slot.Tag, ex);
                    response = ReplicaResponse.Problem(503, "Service Unavailable", $"Replica '{slot.Tag}' is unreachable.", notRunning: true);
                }
                finally
                {
                    lane.Release(slot);
                }

                if (!response.NotRunning || attempt == MaxAttempts)
                {
                    return response;
                }

                slot.MarkSuspect(SuspectPeriod);
            }
        }
        catch (OperationCanceledException) when (deadline is not null && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ReplicaResponse.Problem(504, "Gateway Timeout", $"Backend '{lane.Name}' did not answer within request_timeout_s ({timeout!.Value.TotalSeconds:0.###} s).");
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private void Shadow(BackendLane lane, ReplicaRequest request)
    {
        if (lane.TryAcquireForShadow(MaxShadowsInFlight) is not { } slot)
        {
            return; // the shadow is busy: drop the copy rather than slow anyone
        }

        _ = ShadowAsync(lane, slot, request);
    }

    private async Task ShadowAsync(BackendLane lane, ReplicaSlot slot, ReplicaRequest request)
    {
        try
        {
            await Task.Yield();
            await slot.Grain.InvokeAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ShadowFailed(_logger, lane.Name, ex);
        }
        finally
        {
            lane.ReleaseShadow(slot);
        }
    }

    private static BackendLane LaneOf(Dictionary<string, BackendLane> lanes, string name) =>
        lanes.TryGetValue(name, out var lane) ? lane : new BackendLane(name, new LaneSettings([], 1, 0, null));
}
