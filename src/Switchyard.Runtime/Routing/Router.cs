using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// This node's router: picks a backend by the endpoint's traffic table (shard key or random point), a replica
/// by load, copies to shadows, and applies the backend's queue bound and timeout. It reads only the current
/// snapshot: no control-plane call happens on a request's path.
/// </summary>
internal sealed partial class Router
{
    private const int MaxShadowsInFlight = 256;

    /// <summary>
    /// The bytes of request bodies this node's shadow copies may hold at once (all shadow backends together). A copy
    /// outlives its request (the caller has its answer, the ingress has given the body's share of its budget back), so
    /// without this a slow shadow kept up to <see cref="MaxShadowsInFlight"/> large bodies per backend.
    /// </summary>
    internal const long MaxShadowBodyBytes = 64L * 1024 * 1024;
    private static readonly TimeSpan SuspectPeriod = TimeSpan.FromSeconds(5);

    private readonly IReplicaChannelFactory _channels;
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
    private long _shadowBodyBytes;

    public Router(IReplicaChannelFactory channels, TimeProvider time, SwitchyardMetrics metrics, ILogger<Router> logger)
    {
        _channels = channels;
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
                    .Select(tag => _slots.TryGetValue(tag, out var slot) ? slot : new ReplicaSlot(tag, _channels.Open(tag)))
                    .ToArray();
                foreach (var slot in replicas)
                {
                    slots[slot.Tag] = slot;
                }

                var settings = new LaneSettings(
                    replicas,
                    backend.MaxConcurrentQueries,
                    backend.MaxQueuedRequests,
                    backend.RequestTimeoutS is { } s ? TimeSpan.FromSeconds(s) : null,
                    HoldWhenEmpty: backend.Autoscaled);
                if (_lanes.TryGetValue(backend.Name, out var lane))
                {
                    lane.Update(settings);
                }
                else
                {
                    lane = new BackendLane(backend.Name, settings, _time, _metrics.QueuedChanged, SignalDemandWithoutReplica);
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
                var breaker = endpoint.Guard is { } guard ? BreakerFor(endpoint.Name, guard, lanes) : null;
                var fallback = breaker?.Guard.Fallback.Owners.Select(owner => LaneOf(lanes, owner)).ToArray();
                endpoints[endpoint.Name] = new EndpointRoute(endpoint.Name, endpoint.Route, endpoint.Methods, endpoint.Traffic, laneByRange, shadows, breaker, fallback);
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
            _laneList = [.. lanes.Values];
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
}
