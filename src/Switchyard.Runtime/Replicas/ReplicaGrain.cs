using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// One replica as an Orleans grain: a thin shell over <see cref="ReplicaWorker"/>, which does the work. The shell
/// resolves the backend type, hands the worker its way to build it, lists it in <see cref="LocalReplicas"/> (so
/// this node's router calls it directly) while it lives, and goes away once the worker has stopped.
/// Reentrant so that many requests are in flight at once.
/// </summary>
[Reentrant, KeepAlive, PreferLocalPlacement]
internal sealed partial class ReplicaGrain : Grain, IReplicaGrain
{
    private readonly BackendCatalog _catalog;
    private readonly BackendActivator _activator;
    private readonly IReplicaReporter _reporter;
    private readonly NodeIdentity _node;
    private readonly TimeProvider _time;
    private readonly SwitchyardMetrics _metrics;
    private readonly ReplicaOptions _options;
    private readonly LocalReplicas _local;
    private readonly ILogger<ReplicaGrain> _logger;
    private ReplicaWorker? _worker;

    public ReplicaGrain(
        BackendCatalog catalog,
        BackendActivator activator,
        IReplicaReporter reporter,
        NodeIdentity node,
        TimeProvider time,
        SwitchyardMetrics metrics,
        IOptions<ReplicaOptions> options,
        LocalReplicas local,
        ILogger<ReplicaGrain> logger)
    {
        _catalog = catalog;
        _activator = activator;
        _reporter = reporter;
        _node = node;
        _time = time;
        _metrics = metrics;
        _options = options.Value;
        _local = local;
        _logger = logger;
    }

    public Task StartAsync(ReplicaSpec spec, CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            return Task.CompletedTask; // already starting or started: starting is idempotent
        }

        var worker = new ReplicaWorker(spec, _node.NodeId, _options, _time, _metrics, _reporter, _logger);
        _worker = worker;
        _local.Add(worker);
        worker.Start(() => CreateBackend(spec));
        _ = DeactivateWhenStoppedAsync(worker);
        return Task.CompletedTask;
    }

    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            return SwitchyardActivities.Source.HasListeners()
                ? ReplicaSpans.InvokeTracedAsync(worker, request, onCaller: false, cancellationToken)
                : worker.InvokeAsync(request, default, cancellationToken);
        }

        DeactivateOnIdle(); // a call reached an activation nobody started: do not keep it
        return ValueTask.FromResult(ReplicaWorker.NotRunningResponse);
    }

    public Task ReconfigureAsync(BackendConfig config, CancellationToken cancellationToken) =>
        _worker?.ReconfigureAsync(config, cancellationToken) ?? Task.CompletedTask;

    public Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            worker.Drain();
        }
        else
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<ReplicaState?> GetStateAsync(CancellationToken cancellationToken)
    {
        if (_worker is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_worker?.State);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Deactivated without a drain (the node shuts down): the backend is still disposed, once.
        if (_worker is { } worker)
        {
            _local.Remove(worker);
            await worker.ShutdownAsync();
        }
    }

    /// <summary>Runs on the thread pool inside the worker's build: resolve the type, then construct it.</summary>
    private object CreateBackend(ReplicaSpec spec)
    {
        if (!_catalog.TryResolve(spec.Spec.Class, out var registration, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var context = new ReplicaContext
        {
            BackendTag = spec.Backend,
            ReplicaTag = spec.ReplicaTag,
            NodeId = _node.NodeId,
            NumCpus = spec.Spec.Resources.NumCpus,
            NumGpus = spec.Spec.Resources.NumGpus,
            GpuIds = spec.GpuIds,
            CustomResources = spec.Spec.Resources.Custom,
        };
        return _activator.Create(registration, spec.Spec.InitArgs, context);
    }

    private async Task DeactivateWhenStoppedAsync(ReplicaWorker worker)
    {
        await worker.Stopped;
        _local.Remove(worker); // late calls go through Orleans, as to a replica on another node
        DeactivateOnIdle();
    }
}
