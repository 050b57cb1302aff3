using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Batching;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// One replica, without Orleans: builds the backend (bounded by <c>replica_start_timeout_s</c>), admits requests
/// under <c>max_concurrent_queries</c>, batches them for batch backends, drains, and disposes the backend exactly
/// once whatever the order of start, drain and failure. The replica grain is a thin shell around it.
/// </summary>
/// <remarks>
/// Safe to call from any thread. Hosted in a grain its continuations run on the activation's scheduler (it never
/// leaves the captured context on purpose), so its reports to the controller go out as the grain's own calls.
/// </remarks>
[SuppressMessage("Reliability", "CA1001", Justification = "_stopping is only cancelled: without timers or linked tokens it holds nothing to release, and its token must stay readable after stop.")]
internal sealed partial class ReplicaWorker
{
    /// <summary>What a replica that is not (or no longer) running answers: it did no work, so the router may go elsewhere.</summary>
    public static readonly ReplicaResponse NotRunningResponse =
        ReplicaResponse.Problem(503, "Service Unavailable", "The replica is not running.", notRunning: true);

    /// <summary>What a call answers when its caller's token was cancelled before the backend answered (marked <see cref="ReplicaResponse.Cancelled"/>, so a caller in this process can tell it apart).</summary>
    public static readonly ReplicaResponse CancelledResponse =
        ReplicaResponse.Problem(504, "Gateway Timeout", "The request was cancelled before the backend answered.") with { Cancelled = true };

    private readonly ReplicaSpec _spec;
    private readonly string _nodeId;
    private readonly ReplicaOptions _options;
    private readonly TimeProvider _time;
    private readonly SwitchyardMetrics _metrics;
    private readonly IReplicaReporter _reporter;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReplicaState _state = ReplicaState.Starting;
    private volatile BackendConfig _config;
    private object? _backend;
    private ConcurrencyLimiter? _limiter;
    private BatchQueue<PendingCall>? _batches;
    private Task _batchLoop = Task.CompletedTask;
    private int _accepting;
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public ReplicaWorker(ReplicaSpec spec, string nodeId, ReplicaOptions options, TimeProvider time, SwitchyardMetrics metrics, IReplicaReporter reporter, ILogger logger)
    {
        _spec = spec;
        _nodeId = nodeId;
        _options = options;
        _time = time;
        _metrics = metrics;
        _reporter = reporter;
        _logger = logger;
        _config = spec.Spec.Config;
    }

    /// <summary>Starting (from construction), running, draining, failed or stopped.</summary>
    public ReplicaState State => _state;

    /// <summary>Completes once the replica has stopped and said so: the shell may go away.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Requests admitted and not yet answered (waiting for a slot or a batch included).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Callers waiting for a slot under <c>max_concurrent_queries</c>.</summary>
    public int WaitingForSlot => _limiter?.Waiting ?? 0;

    /// <summary>Callers waiting in the batch queue.</summary>
    public int WaitingForBatch => _batches?.Count ?? 0;

    /// <summary>The backend this is a replica of.</summary>
    public string Backend => _spec.Backend;

    /// <summary>This replica's tag (the key of its grain).</summary>
    public string ReplicaTag => _spec.ReplicaTag;

    /// <summary>The node it runs on.</summary>
    public string NodeId => _nodeId;

    private bool Accepting => Volatile.Read(ref _accepting) == 1;

    /// <summary>
    /// Handles one request from the replica's grain; answers <see cref="NotRunningResponse"/> unless the replica is
    /// taking work. The backend runs on the thread pool, never on the caller's (the grain's) scheduler.
    /// <paramref name="trace"/> is the request's replica span when traced (its queue span and batch link), else default.
    /// </summary>
    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, ActivityContext trace, CancellationToken cancellationToken) =>
        Accepting ? InvokeCoreAsync(request, trace, onCaller: false, cancellationToken) : ValueTask.FromResult(NotRunningResponse);

    /// <summary>
    /// The same as <see cref="InvokeAsync"/> (admission, batching, drain) for a caller in this process that is
    /// already on the thread pool: a plain backend runs on the caller's thread, with no hop, and a batch result
    /// comes back on the thread pool, so the batch loop never runs the caller's continuation.
    /// </summary>
    public ValueTask<ReplicaResponse> InvokeOnCallerAsync(ReplicaRequest request, ActivityContext trace, CancellationToken cancellationToken) =>
        Accepting ? InvokeCoreAsync(request, trace, onCaller: true, cancellationToken) : ValueTask.FromResult(NotRunningResponse);

    private async ValueTask<ReplicaResponse> InvokeCoreAsync(ReplicaRequest request, ActivityContext trace, bool onCaller, CancellationToken cancellationToken)
    {
        var arrivedAt = trace == default ? default : _time.GetUtcNow();
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (!Accepting)
            {
                return NotRunningResponse; // closed between the first look and the count: a drain waits for none of it
            }

            var limiter = _limiter!;
            var arrived = _time.GetTimestamp();
            await limiter.AcquireAsync(cancellationToken);
            try
            {
                var serveRequest = ServeRequestReader.Read(request);
                serveRequest.ModelName = request.Endpoint;
                serveRequest.ModelVersion = _spec.Backend;
                var backend = Volatile.Read(ref _backend)!;
                var inference = request.Inference;
                if (_batches is { } batches)
                {
                    // Decoding and preparing run per request off the batch loop, so the batch loop only runs the model.
                    if ((inference || backend is IRequestPreparer)
                        && (onCaller
                            ? BackendInvoker.Prepare(backend, serveRequest, inference)
                            : await PrepareOffCallerAsync(backend, serveRequest, inference)) is { } failed)
                    {
                        return failed;
                    }

                    var call = new PendingCall(serveRequest, _time.GetTimestamp(), _time.GetElapsedTime(arrived), continueAsynchronously: onCaller) { Trace = trace, ArrivedAt = arrivedAt };
                    return await EnqueueAsync(batches, call, cancellationToken);
                }

                SwitchyardActivities.RecordQueue(trace, arrivedAt);
                _metrics.QueueTime(_spec.Backend, _time.GetElapsedTime(arrived));
                _metrics.BatchTaken(_spec.Backend, 1);
                return onCaller
                    ? await BackendInvoker.CallAsync((IBackend)backend, serveRequest, inference, cancellationToken)
                    : await CallOffCallerAsync((IBackend)backend, serveRequest, inference, cancellationToken);
            }
            finally
            {
                limiter.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CancelledResponse;
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0)
            {
                Volatile.Read(ref _idle)?.TrySetResult();
            }
        }
    }

    // The two hops to the thread pool live in their own methods: a lambda in InvokeCoreAsync would make every call
    // allocate its captured locals, the local path's calls too, which never take these hops.
    private static Task<ReplicaResponse?> PrepareOffCallerAsync(object backend, ServeRequest request, bool inference) =>
        Task.Run(() => BackendInvoker.Prepare(backend, request, inference), CancellationToken.None);

    private static Task<ReplicaResponse> CallOffCallerAsync(IBackend backend, ServeRequest request, bool inference, CancellationToken cancellationToken) =>
        Task.Run(() => BackendInvoker.CallAsync(backend, request, inference, cancellationToken).AsTask(), CancellationToken.None);

    private async Task<ReplicaResponse> EnqueueAsync(BatchQueue<PendingCall> batches, PendingCall call, CancellationToken cancellationToken)
    {
        var token = batches.Enqueue(call);
        _metrics.QueuedChanged(_spec.Backend, +1);
        using var registration = cancellationToken.Register(() =>
        {
            if (batches.TryRemove(token))
            {
                _metrics.QueuedChanged(_spec.Backend, -1);
                call.Completion.TrySetCanceled(cancellationToken);
            }
        });
        return await call.Completion.Task;
    }

    /// <summary>Applies a new config without restarting: limits and batching at once, user_config through the backend.</summary>
    public async Task ReconfigureAsync(BackendConfig config, CancellationToken cancellationToken)
    {
        var previous = _config;
        _config = config;
        lock (_gate)
        {
            _limiter?.SetLimit(config.MaxConcurrentQueries);
            _batches?.Configure(config.MaxBatchSize, TimeSpan.FromSeconds(config.BatchWaitTimeoutS));
        }

        if (Volatile.Read(ref _backend) is IReconfigurable reconfigurable && UserConfigChanged(previous, config))
        {
            var userConfig = UserConfigOf(config);
            await Task.Run(() => reconfigurable.ReconfigureAsync(userConfig, cancellationToken).AsTask(), cancellationToken);
        }
    }

    private async Task ReportAsync(ReplicaState state, string? reason)
    {
        try
        {
            await _reporter.ReportAsync(new ReplicaReport(_spec.Backend, ReplicaTag, state, reason, _nodeId), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The controller's health check finds the state anyway.
            Log.ReportFailed(_logger, ReplicaTag, ex);
        }
    }

    private static JsonElement UserConfigOf(BackendConfig config) =>
        config.UserConfig ?? JsonDocument.Parse("null").RootElement.Clone();

    private static bool UserConfigChanged(BackendConfig a, BackendConfig b) =>
        (a.UserConfig?.GetRawText() ?? "null") != (b.UserConfig?.GetRawText() ?? "null");
}
