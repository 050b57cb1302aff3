using Switchyard.Runtime.Batching;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>Building the backend: on the thread pool, bounded by the start timeout, and never leaked.</summary>
internal sealed partial class ReplicaWorker
{
    private int _started;
    private volatile string _buildStep = "constructor";

    /// <summary>
    /// Builds the backend with <paramref name="create"/> (its constructor, with init args bound) and starts serving;
    /// the outcome is reported. Only the first call does anything.
    /// </summary>
    public void Start(Func<object> create)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = StartCoreAsync(create);
        }
    }

    private async Task StartCoreAsync(Func<object> create)
    {
        var userConfig = UserConfigOf(_config);
        var token = _stopping.Token;
        var build = Task.Run(() => BuildAsync(create, userConfig, token), CancellationToken.None);
        object backend;
        try
        {
            backend = await build.WaitAsync(_options.StartTimeout, _time);
        }
        catch (TimeoutException)
        {
            // The constructor cannot be stopped: whenever it returns, its backend is disposed.
            _ = DisposeWhenBuiltAsync(build);
            Log.ReplicaStartTimedOut(_logger, ReplicaTag, _options.StartTimeout.TotalSeconds);
            var reason = $"{_spec.Spec.Class} did not start within replica_start_timeout_s ({_options.StartTimeout.TotalSeconds:0.###} s): its {_buildStep} had not returned";
            await FailOrStopAsync(reason);
            return;
        }
        catch (Exception ex)
        {
            Log.ReplicaStartFailed(_logger, ReplicaTag, ex);
            await FailOrStopAsync($"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        bool installed;
        lock (_gate)
        {
            installed = _state == ReplicaState.Starting;
            if (installed)
            {
                Install(backend);
            }
        }

        if (!installed)
        {
            // Drained while it was being built: it never serves, and it is disposed now that it exists.
            await DisposeBackendAsync(backend);
            await StopAsync();
            return;
        }

        _metrics.ReplicaStarted(_spec.Backend);
        Log.ReplicaStarted(_logger, ReplicaTag, _nodeId);
        await ReportAsync(ReplicaState.Running, null);
    }

    /// <summary>Runs on the thread pool: the constructor, then the first user_config; a backend that fails here is disposed here.</summary>
    private async Task<object> BuildAsync(Func<object> create, System.Text.Json.JsonElement userConfig, CancellationToken cancellationToken)
    {
        var backend = create();
        if (backend is IReconfigurable reconfigurable)
        {
            _buildStep = "ReconfigureAsync";
            try
            {
                await reconfigurable.ReconfigureAsync(userConfig, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await DisposeBackendAsync(backend).ConfigureAwait(false);
                throw;
            }
        }

        return backend;
    }

    /// <summary>Called under the gate: the backend serves from here on.</summary>
    private void Install(object backend)
    {
        var config = _config;
        _limiter = new ConcurrencyLimiter(config.MaxConcurrentQueries);
        if (backend is IBatchBackend batchBackend)
        {
            _batches = new BatchQueue<PendingCall>(_time, config.MaxBatchSize, TimeSpan.FromSeconds(config.BatchWaitTimeoutS));
            var runner = new BatchRunner(batchBackend, _batches, _spec.Backend, _time, _metrics);
            var token = _stopping.Token;
            _batchLoop = Task.Run(() => runner.RunAsync(token), CancellationToken.None);
        }

        Volatile.Write(ref _backend, backend);
        _state = ReplicaState.Running;
        Interlocked.Exchange(ref _accepting, 1);
    }

    /// <summary>A start that did not succeed: failed, or stopped when a drain came meanwhile.</summary>
    private async Task FailOrStopAsync(string reason)
    {
        bool failed;
        lock (_gate)
        {
            failed = _state == ReplicaState.Starting;
            if (failed)
            {
                _state = ReplicaState.Failed;
            }
        }

        if (failed)
        {
            await ReportAsync(ReplicaState.Failed, reason);
        }
        else
        {
            await StopAsync();
        }
    }

    private async Task DisposeWhenBuiltAsync(Task<object> build)
    {
        object backend;
        try
        {
            backend = await build.ConfigureAwait(false);
        }
        catch
        {
            return; // a build that failed disposed what it had built
        }

        Log.LateBackendDisposed(_logger, ReplicaTag);
        await DisposeBackendAsync(backend).ConfigureAwait(false);
    }

    /// <summary>
    /// Disposes a backend once (the caller owns it), on the thread pool so a slow Dispose holds no scheduler; a
    /// throwing Dispose is logged, never rethrown.
    /// </summary>
    private async Task DisposeBackendAsync(object backend)
    {
        try
        {
            await Task.Run(
                async () =>
                {
                    switch (backend)
                    {
                        case IAsyncDisposable asyncDisposable:
                            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                            break;
                        case IDisposable disposable:
                            disposable.Dispose();
                            break;
                    }
                },
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.BackendDisposeFailed(_logger, ReplicaTag, ex);
        }
    }
}
