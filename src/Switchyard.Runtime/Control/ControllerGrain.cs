using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Control.Views;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control;

/// <summary>
/// The controller's Orleans shell. The decisions are pure parts: commands are transitions of the desired state
/// (<see cref="BackendCommands"/>, <see cref="EndpointCommands"/>, <see cref="DeployDiff"/>), reconciliation is
/// <see cref="ReconcileStep"/> over the <see cref="Placement.CapacityLedger"/>, health is <see cref="HealthJudge"/>, routers get
/// <see cref="RoutingTableBuilder"/>'s table. The shell stores each new state before it takes it as current, then
/// carries the decision out through replica grains.
/// </summary>
[KeepAlive]
internal sealed partial class ControllerGrain : Grain, IControllerGrain
{
    private readonly DesiredStateStore _store;
    private readonly IBackendCheck _check;
    private readonly ClusterMembership _membership;
    private readonly IControlLoop[] _loops;
    private readonly ReplicaDriver _replicas;
    private readonly TimeProvider _time;
    private readonly ILogger<ControllerGrain> _logger;
    private readonly IStoreProbe? _storeProbe;
    private readonly Dictionary<string, ReplicaStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetiredReplica> _retired = new(StringComparer.Ordinal);
    private readonly SuspectNodes _suspects;
    private DesiredState _desired = DesiredState.Empty;
    private RoutingTable _routing = RoutingTable.Empty;
    private TaskCompletionSource _routingChanged = NewSignal();
    private TaskCompletionSource _replicasChanged = NewSignal();
    private long _version;
    private string? _storeError;

    // False until this activation has asked every adopted replica for its state: until then routers keep the table
    // they have (it still names the replicas that run), instead of one in which no adopted replica runs yet.
    private bool _published;

    public ControllerGrain(
        [PersistentState("controller", SwitchyardStorage.Name)] IPersistentState<ControllerState> store,
        BackendCatalog catalog,
        BackendActivator activator,
        ClusterMembership membership,
        IEnumerable<IControlLoop> loops,
        IGrainFactory grains,
        TimeProvider time,
        ILogger<ControllerGrain> logger,
        IEnumerable<IStoreProbe> storeProbes)
    {
        _store = new DesiredStateStore(store);
        _check = new CatalogBackendCheck(catalog, activator);
        _membership = membership;
        _loops = [.. loops];
        _replicas = new ReplicaDriver(grains, time, logger);
        _time = time;
        _logger = logger;
        _storeProbe = storeProbes.FirstOrDefault();
        _fence = new ActingFence(time);
        _suspects = new SuspectNodes(time);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Versions only need to differ from what routers saw before this activation, so start from the clock.
        _version = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _desired = _store.Load();
        foreach (var entry in _desired.Backends.Values.SelectMany(b => b.Replicas))
        {
            _statuses[entry.Tag] = entry.Draining ? ReplicaStatus.Adopted with { State = ReplicaState.Draining } : ReplicaStatus.Adopted;
        }

        Log.Activated(_logger, _membership.Snapshot().LocalNodeId, _desired.Backends.Count, _desired.Endpoints.Count);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromSeconds(1),
            Interleave = false,
        });
        return Task.CompletedTask;
    }

    public Task<ControlResult> CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken) =>
        ExecuteAsync(s => BackendCommands.Create(s, name, spec, _check), NoSummary, cancellationToken);

    public Task<ControlResult> UpdateBackendConfigAsync(string name, string configPatchJson, CancellationToken cancellationToken) =>
        ExecuteAsync(s => BackendCommands.UpdateConfig(s, name, configPatchJson, _check), NoSummary, cancellationToken);

    public Task<ControlResult> DeleteBackendAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync(s => BackendCommands.Delete(s, name), NoSummary, cancellationToken);

    public Task<ControlResult> CreateEndpointAsync(string name, string backend, string? route, string[]? methods, CancellationToken cancellationToken) =>
        ExecuteAsync(s => EndpointCommands.Create(s, name, backend, route, methods), NoSummary, cancellationToken);

    public Task<ControlResult> DeleteEndpointAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync(s => EndpointCommands.Delete(s, name), NoSummary, cancellationToken);

    public Task<ControlResult> SetTrafficAsync(string endpoint, Dictionary<string, double> traffic, CancellationToken cancellationToken) =>
        ExecuteAsync(s => EndpointCommands.SetTraffic(s, endpoint, traffic), NoSummary, cancellationToken);

    public Task<ControlResult> SetShadowAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken) =>
        ExecuteAsync(s => EndpointCommands.SetShadow(s, endpoint, backend, proportion), NoSummary, cancellationToken);

    public Task<ControlResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken) =>
        ExecuteAsync(
            s => DeployDiff.Apply(s, deployment, _check),
            t => Log.Deployed(_logger, t.Outcome.Deploy!.Created.Count, t.Outcome.Deploy.Updated.Count, t.Outcome.Deploy.Deleted.Count),
            cancellationToken);

    /// <summary>Commands whose changes <see cref="LogChanges"/> already describes line by line.</summary>
    private static void NoSummary(Transition transition)
    {
    }

    public Task<Dictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StateViews.Backends(_desired, _statuses, _figures, _time.GetUtcNow()));

    public Task<Dictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StateViews.Endpoints(_desired, _figures));

    public async Task<RoutingTable> WatchRoutingAsync(long knownVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (!_steppingDown && (!_published || _routing.Version == knownVersion))
        {
            try
            {
                await _routingChanged.Task.WaitAsync(maxWait, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nothing changed: the caller asks again.
            }
        }

        // Before the first table of this activation, "nothing new": the caller keeps what it has and asks again.
        return _published ? _routing : new RoutingTable { Version = knownVersion, Endpoints = [], Backends = [] };
    }

    public async Task<long> WaitSettledAsync(string[] backends, CancellationToken cancellationToken)
    {
        while (!backends.All(b => StateViews.IsSettled(_desired, b, _statuses)))
        {
            if (_steppingDown)
            {
                throw Moving(); // the caller waits on at the next activation
            }

            await _replicasChanged.Task.WaitAsync(cancellationToken);
        }

        return _routing.Version;
    }
}
