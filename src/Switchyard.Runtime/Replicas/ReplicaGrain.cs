using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Batching;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// One replica: builds the backend, runs requests off the grain scheduler under the concurrency limit, and
/// batches them for batch backends. Reentrant so that many requests are in flight at once.
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
    private readonly ILogger<ReplicaGrain> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ReplicaState? _state;
    private ReplicaSpec? _spec;
    private BackendConfig _config = new();
    private object? _backend;
    private ConcurrencyLimiter? _limiter;
    private BatchQueue<PendingCall>? _batches;
    private Task _batchLoop = Task.CompletedTask;
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public ReplicaGrain(
        BackendCatalog catalog,
        BackendActivator activator,
        IReplicaReporter reporter,
        NodeIdentity node,
        TimeProvider time,
        SwitchyardMetrics metrics,
        Microsoft.Extensions.Options.IOptions<ReplicaOptions> options,
        ILogger<ReplicaGrain> logger)
    {
        _catalog = catalog;
        _activator = activator;
        _reporter = reporter;
        _node = node;
        _time = time;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
    }

    private string Backend => _spec?.Backend ?? string.Empty;

    public Task StartAsync(ReplicaSpec spec, CancellationToken cancellationToken)
    {
        if (_state is not null)
        {
            return Task.CompletedTask; // already starting or started: starting is idempotent
        }

        _spec = spec;
        _config = spec.Spec.Config;
        _state = ReplicaState.Starting;
        _ = StartCoreAsync(spec);
        return Task.CompletedTask;
    }

    private async Task StartCoreAsync(ReplicaSpec spec)
    {
        ReplicaReport report;
        try
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
            var token = _stopping.Token;
            var backend = await Task.Run(() => _activator.Create(registration, spec.Spec.InitArgs, context), token);
            if (backend is IReconfigurable reconfigurable)
            {
                var userConfig = UserConfigOf(_config);
                await Task.Run(() => reconfigurable.ReconfigureAsync(userConfig, token).AsTask(), token);
            }

            _backend = backend;
            _limiter = new ConcurrencyLimiter(_config.MaxConcurrentQueries);
            if (backend is IBatchBackend batchBackend)
            {
                _batches = new BatchQueue<PendingCall>(_time, _config.MaxBatchSize, TimeSpan.FromSeconds(_config.BatchWaitTimeoutS));
                var batchRunner = new BatchRunner(batchBackend, _batches, spec.Backend, _time, _metrics);
                _batchLoop = Task.Run(() => batchRunner.RunAsync(token), token);
            }

            _state = ReplicaState.Running;
            _metrics.ReplicaStarted(spec.Backend);
            Log.ReplicaStarted(_logger, spec.ReplicaTag, _node.NodeId);
            report = new ReplicaReport(spec.Backend, spec.ReplicaTag, ReplicaState.Running, null, _node.NodeId);
        }
        catch (Exception ex)
        {
            _state = ReplicaState.Failed;
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            Log.ReplicaStartFailed(_logger, spec.ReplicaTag, ex);
            report = new ReplicaReport(spec.Backend, spec.ReplicaTag, ReplicaState.Failed, reason, _node.NodeId);
        }

        await ReportAsync(report);
    }

    public async ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken)
    {
        if (_state is not (ReplicaState.Running or ReplicaState.Draining) || _limiter is null || _backend is null)
        {
            if (_state is null)
            {
                DeactivateOnIdle(); // a call reached an activation nobody started: do not keep it
            }

            return ReplicaResponse.Problem(503, "Service Unavailable", "The replica is not running.", notRunning: true);
        }

        using var activity = StartReplicaSpan(request);
        var arrivedAt = activity is null ? default : _time.GetUtcNow();
        Interlocked.Increment(ref _inFlight);
        try
        {
            var limiter = _limiter;
            var arrived = _time.GetTimestamp();
            await limiter.AcquireAsync(cancellationToken);
            try
            {
                var serveRequest = ToServeRequest(request);
                serveRequest.ModelName = request.Endpoint;
                serveRequest.ModelVersion = Backend;
                var backend = _backend;
                var inference = request.Inference;
                if (_batches is { } batches)
                {
                    // Decoding and preparing run per request on the thread pool, so the batch loop only runs the model.
                    if ((inference || backend is IRequestPreparer)
                        && await Task.Run(() => BackendInvoker.Prepare(backend, serveRequest, inference), CancellationToken.None) is { } failed)
                    {
                        return failed;
                    }

                    return await EnqueueAsync(batches, new PendingCall(serveRequest, _time.GetTimestamp(), _time.GetElapsedTime(arrived)) { Trace = activity?.Context ?? default, ArrivedAt = arrivedAt }, cancellationToken);
                }

                SwitchyardActivities.RecordQueue(activity?.Context ?? default, arrivedAt);
                _metrics.QueueTime(Backend, _time.GetElapsedTime(arrived));
                _metrics.BatchTaken(Backend, 1);
                return await Task.Run(() => BackendInvoker.CallAsync((IBackend)backend, serveRequest, inference, cancellationToken), CancellationToken.None);
            }
            finally
            {
                limiter.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ReplicaResponse.Problem(504, "Gateway Timeout", "The request was cancelled before the backend answered.");
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0)
            {
                _idle?.TrySetResult();
            }
        }
    }

    private async Task<ReplicaResponse> EnqueueAsync(BatchQueue<PendingCall> batches, PendingCall call, CancellationToken cancellationToken)
    {
        var token = batches.Enqueue(call);
        _metrics.QueuedChanged(Backend, +1);
        using var registration = cancellationToken.Register(() =>
        {
            if (batches.TryRemove(token))
            {
                _metrics.QueuedChanged(Backend, -1);
                call.Completion.TrySetCanceled(cancellationToken);
            }
        });
        return await call.Completion.Task;
    }

    public async Task ReconfigureAsync(BackendConfig config, CancellationToken cancellationToken)
    {
        var previous = _config;
        _config = config;
        _limiter?.SetLimit(config.MaxConcurrentQueries);
        _batches?.Configure(config.MaxBatchSize, TimeSpan.FromSeconds(config.BatchWaitTimeoutS));
        if (_backend is IReconfigurable reconfigurable && UserConfigChanged(previous, config))
        {
            var userConfig = UserConfigOf(config);
            await Task.Run(() => reconfigurable.ReconfigureAsync(userConfig, cancellationToken).AsTask(), cancellationToken);
        }
    }

    public Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_state is ReplicaState.Draining or ReplicaState.Stopped)
        {
            return Task.CompletedTask;
        }

        var wasRunning = _state == ReplicaState.Running;
        _state = ReplicaState.Draining;
        _ = DrainCoreAsync(wasRunning);
        return Task.CompletedTask;
    }

    private async Task DrainCoreAsync(bool wasRunning)
    {
        if (wasRunning)
        {
            // Routers may still hold a table that lists this replica: keep serving for a grace period, then
            // finish whatever is in flight.
            await Task.Delay(_options.DrainGrace, _time);
            while (Volatile.Read(ref _inFlight) > 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Volatile.Read(ref _inFlight) > 0)
                {
                    await _idle.Task;
                }
            }
        }

        await _stopping.CancelAsync();
        await _batchLoop;
        switch (_backend)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        _backend = null;
        _state = ReplicaState.Stopped;
        Log.ReplicaStopped(_logger, this.GetPrimaryKeyString());
        if (_spec is { } spec)
        {
            await ReportAsync(new ReplicaReport(spec.Backend, spec.ReplicaTag, ReplicaState.Stopped, null, _node.NodeId));
        }

        DeactivateOnIdle();
    }

    public Task<ReplicaState?> GetStateAsync(CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_state);
    }

    private async Task ReportAsync(ReplicaReport report)
    {
        try
        {
            await _reporter.ReportAsync(report, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The controller's health check finds the state anyway.
            Log.ReportFailed(_logger, report.ReplicaTag, ex);
        }
    }

    private static ServeRequest ToServeRequest(ReplicaRequest request)
    {
        Dictionary<string, string>? headers = null;
        if (request.Headers is { Length: > 0 } pairs)
        {
            headers = new Dictionary<string, string>(pairs.Length, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in pairs)
            {
                headers[name] = value;
            }
        }

        return new ServeRequest(request.Method, request.Path, request.Body, QueryParser.Parse(request.QueryString), headers, request.ShardKey);
    }

    private static JsonElement UserConfigOf(BackendConfig config) =>
        config.UserConfig ?? JsonDocument.Parse("null").RootElement.Clone();

    private static bool UserConfigChanged(BackendConfig a, BackendConfig b) =>
        (a.UserConfig?.GetRawText() ?? "null") != (b.UserConfig?.GetRawText() ?? "null");
}
