using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.Runtime.Specs;
using Switchyard.Runtime.Storage;

namespace Switchyard.Runtime.Control;

/// <summary>The controller: validates and persists desired state, publishes routing tables, reconciles replicas.</summary>
[KeepAlive]
internal sealed partial class ControllerGrain : Grain, IControllerGrain
{
    private readonly IPersistentState<ControllerState> _store;
    private readonly BackendCatalog _catalog;
    private readonly BackendActivator _activator;
    private readonly TimeProvider _time;
    private readonly ILogger<ControllerGrain> _logger;
    private readonly Dictionary<string, ReplicaRuntime> _replicas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Backend, ReplicaRecord Record)> _retired = new(StringComparer.Ordinal);
    private RoutingTable _routing = RoutingTable.Empty;
    private TaskCompletionSource _routingChanged = NewSignal();
    private TaskCompletionSource _replicasChanged = NewSignal();
    private long _version;

    public ControllerGrain(
        [PersistentState("controller", SwitchyardStorage.Name)] IPersistentState<ControllerState> store,
        BackendCatalog catalog,
        BackendActivator activator,
        TimeProvider time,
        ILogger<ControllerGrain> logger)
    {
        _store = store;
        _catalog = catalog;
        _activator = activator;
        _time = time;
        _logger = logger;
    }

    private ControllerState State => _store.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Versions only need to differ from what routers saw before this activation, so start from the clock.
        _version = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        foreach (var backend in State.Backends.Values)
        {
            foreach (var record in backend.Replicas)
            {
                _replicas[record.Tag] = new ReplicaRuntime { State = record.Draining ? ReplicaState.Draining : ReplicaState.Starting };
            }
        }

        Log.Activated(_logger, State.Backends.Count, State.Endpoints.Count);
        Publish();
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromSeconds(1),
            Interleave = false,
        });
        return Task.CompletedTask;
    }

    public async Task<ControlResult> CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        SpecValidator.ValidateName(name, "backend", problems);
        ValidateBackend(spec, string.Empty, problems);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        if (State.Backends.ContainsKey(name))
        {
            return ControlResult.Conflict($"backend '{name}' already exists");
        }

        State.Backends[name] = new BackendRecord { Spec = spec };
        await PersistAsync();
        Log.BackendCreated(_logger, name, spec.Class, spec.Config.NumReplicas);
        await ReconcileAsync(name, cancellationToken);
        return Ack(ControlResult.Created);
    }

    public async Task<ControlResult> UpdateBackendConfigAsync(string name, string configPatchJson, CancellationToken cancellationToken)
    {
        if (!State.Backends.TryGetValue(name, out var backend))
        {
            return ControlResult.NotFound($"backend '{name}' does not exist");
        }

        var problems = new Problems();
        BackendConfig config;
        try
        {
            using var patch = JsonDocument.Parse(configPatchJson);
            config = SpecReader.ReadConfig(patch.RootElement, backend.Spec.Config, string.Empty, problems);
        }
        catch (JsonException ex)
        {
            problems.Add(string.Empty, $"the body is not valid JSON: {ex.Message}");
            return ControlResult.Invalid(problems);
        }

        var spec = backend.Spec with { Config = config };
        ValidateBackend(spec, string.Empty, problems, resourcesOnly: false);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        backend.Spec = spec;
        await PersistAsync();
        Log.BackendConfigured(_logger, name, config.NumReplicas);
        await ApplyConfigAsync(name, backend, cancellationToken);
        await ReconcileAsync(name, cancellationToken);
        Publish();
        return Ack(ControlResult.Ok);
    }

    public async Task<ControlResult> DeleteBackendAsync(string name, CancellationToken cancellationToken)
    {
        if (!State.Backends.TryGetValue(name, out var backend))
        {
            return ControlResult.NotFound($"backend '{name}' does not exist");
        }

        if (State.Endpoints.FirstOrDefault(e => e.Value.Uses(name)) is { Key: { } endpoint })
        {
            return ControlResult.Conflict($"backend '{name}' is in use by endpoint '{endpoint}'");
        }

        State.Backends.Remove(name);
        await PersistAsync();
        Log.BackendDeleted(_logger, name);
        RetireAll(name, backend);
        Publish();
        return Ack(ControlResult.NoContent);
    }

    public async Task<ControlResult> CreateEndpointAsync(string name, string backend, string? route, string[]? methods, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        SpecValidator.ValidateName(name, "endpoint", problems);
        SpecValidator.ValidateRoute(route, "route", problems);
        var normalized = methods is null ? ["GET"] : methods.Select(m => m.ToUpperInvariant()).Distinct().ToArray();
        SpecValidator.ValidateMethods(normalized, "methods", problems);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        if (!State.Backends.ContainsKey(backend))
        {
            return ControlResult.NotFound($"backend '{backend}' does not exist");
        }

        if (State.Endpoints.ContainsKey(name))
        {
            return ControlResult.Conflict($"endpoint '{name}' already exists");
        }

        if (route is not null && State.Endpoints.FirstOrDefault(e => e.Value.Route == route) is { Key: { } holder })
        {
            return ControlResult.Conflict($"route '{route}' is taken by endpoint '{holder}'");
        }

        var traffic = new Dictionary<string, double>(StringComparer.Ordinal) { [backend] = 1.0 };
        State.Endpoints[name] = new EndpointRecord { Route = route, Methods = normalized, Traffic = traffic, Table = TrafficTable.Create(traffic) };
        await PersistAsync();
        Log.EndpointCreated(_logger, name, route ?? "(handle only)", backend);
        Publish();
        return Ack(ControlResult.Created);
    }

    public async Task<ControlResult> DeleteEndpointAsync(string name, CancellationToken cancellationToken)
    {
        if (!State.Endpoints.Remove(name))
        {
            return ControlResult.NotFound($"endpoint '{name}' does not exist");
        }

        await PersistAsync();
        Log.EndpointDeleted(_logger, name);
        Publish();
        return Ack(ControlResult.NoContent);
    }

    public async Task<ControlResult> SetTrafficAsync(string endpoint, Dictionary<string, double> traffic, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        SpecValidator.ValidateTraffic(traffic, "traffic", problems);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        if (!State.Endpoints.TryGetValue(endpoint, out var record))
        {
            return ControlResult.NotFound($"endpoint '{endpoint}' does not exist");
        }

        if (traffic.Keys.FirstOrDefault(b => !State.Backends.ContainsKey(b)) is { } missing)
        {
            return ControlResult.NotFound($"backend '{missing}' does not exist");
        }

        record.Traffic = new Dictionary<string, double>(traffic, StringComparer.Ordinal);
        record.Table = record.Table.Rebalance(traffic);
        await PersistAsync();
        Log.TrafficSet(_logger, endpoint, JsonSerializer.Serialize(traffic));
        Publish();
        return Ack(ControlResult.Ok);
    }

    public async Task<ControlResult> SetShadowAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        SpecValidator.ValidateShadowProportion(proportion, "proportion", problems);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        if (!State.Endpoints.TryGetValue(endpoint, out var record))
        {
            return ControlResult.NotFound($"endpoint '{endpoint}' does not exist");
        }

        if (!State.Backends.ContainsKey(backend))
        {
            return ControlResult.NotFound($"backend '{backend}' does not exist");
        }

        if (proportion == 0)
        {
            record.Shadows.Remove(backend);
        }
        else
        {
            record.Shadows[backend] = proportion;
        }

        await PersistAsync();
        Publish();
        return Ack(ControlResult.Ok);
    }

    public Task<Dictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(State.Backends.ToDictionary(b => b.Key, b => ToInfo(b.Value), StringComparer.Ordinal));

    public Task<Dictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(State.Endpoints.ToDictionary(e => e.Key, e => e.Value.ToInfo(), StringComparer.Ordinal));

    public async Task<RoutingTable> WatchRoutingAsync(long knownVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (_routing.Version == knownVersion)
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

        return _routing;
    }

    public async Task<long> WaitSettledAsync(string[] backends, CancellationToken cancellationToken)
    {
        while (!backends.All(IsSettled))
        {
            await _replicasChanged.Task.WaitAsync(cancellationToken);
        }

        return _routing.Version;
    }

    private bool IsSettled(string backend)
    {
        if (!State.Backends.TryGetValue(backend, out var record))
        {
            return true;
        }

        var current = record.Replicas.Where(r => r.Generation == record.Generation && !r.Draining).ToList();
        return current.Count == record.Spec.Config.NumReplicas
            && current.All(r => RuntimeOf(r.Tag).State != ReplicaState.Starting);
    }

    private BackendInfo ToInfo(BackendRecord backend) => new()
    {
        Class = backend.Spec.Class,
        Config = backend.Spec.Config,
        Resources = backend.Spec.Resources,
        Replicas = backend.Replicas.Select(r =>
        {
            var runtime = RuntimeOf(r.Tag);
            return new ReplicaInfo
            {
                Tag = r.Tag,
                Node = r.NodeId,
                State = ReplicaStateNames.Name(runtime.State),
                Reason = runtime.State is ReplicaState.Failed or ReplicaState.Pending ? runtime.Reason : null,
                GpuIds = r.GpuIds,
            };
        }).ToList(),
    };

    private ReplicaRuntime RuntimeOf(string tag)
    {
        if (!_replicas.TryGetValue(tag, out var runtime))
        {
            _replicas[tag] = runtime = new ReplicaRuntime();
        }

        return runtime;
    }

    /// <summary>Validates a backend spec: ranges, class, init args, and batch settings against the class.</summary>
    private void ValidateBackend(BackendSpec spec, string path, Problems problems, bool resourcesOnly = false)
    {
        SpecValidator.ValidateConfig(spec.Config, SpecReader.Join(path, "config"), problems);
        SpecValidator.ValidateResources(spec.Resources, SpecReader.Join(path, "resources"), problems);
        if (resourcesOnly)
        {
            return;
        }

        if (!_catalog.TryResolve(spec.Class, out var registration, out var error))
        {
            problems.Add(SpecReader.Join(path, "class"), error);
            return;
        }

        if (spec.Config.MaxBatchSize > 1 && !registration.IsBatch)
        {
            problems.Add(SpecReader.Join(path, "config.max_batch_size"), $"is {spec.Config.MaxBatchSize} but '{spec.Class}' is not a batch backend (implement IBatchBackend to accept batches)");
        }

        // The type's own check reads the init args, so it runs only once they bind.
        var bound = problems.Items.Count;
        _activator.Validate(registration, spec.InitArgs, SpecReader.Join(path, "init_args"), problems);
        if (problems.Items.Count == bound)
        {
            SpecValidation.Check(registration, spec, path, problems);
        }
    }

    private async Task PersistAsync()
    {
        try
        {
            await _store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // The change was not stored: go back to what is stored, so nothing unacknowledged stays in force.
            Log.PersistFailed(_logger, ex);
            await _store.ReadStateAsync();
            throw;
        }
    }

    private void Publish()
    {
        var endpoints = State.Endpoints.Select(e => new EndpointTableEntry
        {
            Name = e.Key,
            Route = e.Value.Route,
            Methods = e.Value.Methods,
            Traffic = e.Value.Table,
            Shadows = [.. e.Value.Shadows],
        }).ToArray();
        var backends = State.Backends.Select(b => new BackendTableEntry
        {
            Name = b.Key,
            Replicas = b.Value.Replicas.Where(r => !r.Draining && RuntimeOf(r.Tag).State == ReplicaState.Running).Select(r => r.Tag).ToArray(),
            MaxConcurrentQueries = b.Value.Spec.Config.MaxConcurrentQueries,
            MaxQueuedRequests = b.Value.Spec.Config.MaxQueuedRequests,
            RequestTimeoutS = b.Value.Spec.Config.RequestTimeoutS,
            StateCounts = CountStates(b.Value),
        }).ToArray();
        _routing = new RoutingTable { Version = ++_version, Endpoints = endpoints, Backends = backends };
        var previous = _routingChanged;
        _routingChanged = NewSignal();
        previous.TrySetResult();
    }

    private int[] CountStates(BackendRecord backend)
    {
        var counts = new int[Enum.GetValues<ReplicaState>().Length];
        foreach (var record in backend.Replicas)
        {
            counts[(int)(record.Draining ? ReplicaState.Draining : RuntimeOf(record.Tag).State)]++;
        }

        return counts;
    }

    /// <summary>A success carrying the routing version that holds the change, so callers can wait for their router to have it.</summary>
    private ControlResult Ack(ControlResult result) => result with { RoutingVersion = _routing.Version };

    private void NotifyReplicasChanged()
    {
        var previous = _replicasChanged;
        _replicasChanged = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
