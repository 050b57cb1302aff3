using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// Stopping: a running replica serves through the drain grace, finishes what it admitted, then stops; one still
/// starting stops as soon as its build ends (bounded by the start timeout); a failed one stops at once. Whatever
/// the path, the backend is disposed once and the replica reports stopped, even when Dispose throws.
/// </summary>
internal sealed partial class ReplicaWorker
{
    /// <summary>Stops taking new work once routers have moved on, finishes what is in flight, then stops.</summary>
    public void Drain()
    {
        ReplicaState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous is ReplicaState.Draining or ReplicaState.Stopped)
            {
                return;
            }

            _state = ReplicaState.Draining;
        }

        if (previous == ReplicaState.Running)
        {
            _ = DrainRunningAsync();
        }
        else if (previous != ReplicaState.Starting || Volatile.Read(ref _started) == 0)
        {
            _ = StopAsync();
        }

        // Still starting: the start sees the drain when the build ends, disposes what it built, and stops.
    }

    /// <summary>Stops at once without reporting (the host is going away): no grace, the backend disposed once.</summary>
    public async Task ShutdownAsync()
    {
        lock (_gate)
        {
            if (_state == ReplicaState.Stopped)
            {
                return;
            }

            _state = ReplicaState.Stopped;
        }

        await ReleaseBackendAsync();
        _stopped.TrySetResult();
    }

    private async Task DrainRunningAsync()
    {
        // Routers may still hold a table that lists this replica: keep serving for a grace period. After it,
        // a late request is answered "not running" (the router sends it elsewhere) and what was admitted finishes.
        await Task.Delay(_options.DrainGrace, _time);
        Interlocked.Exchange(ref _accepting, 0);
        while (true)
        {
            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _idle, idle);
            if (Volatile.Read(ref _inFlight) == 0)
            {
                break;
            }

            await idle.Task;
        }

        await StopAsync();
    }

    private async Task StopAsync()
    {
        lock (_gate)
        {
            if (_state == ReplicaState.Stopped)
            {
                return;
            }

            _state = ReplicaState.Stopped;
        }

        await ReleaseBackendAsync();
        Log.ReplicaStopped(_logger, ReplicaTag);
        await ReportAsync(ReplicaState.Stopped, null);
        _stopped.TrySetResult();
    }

    /// <summary>Closes admission, ends the batch loop, and disposes the installed backend if nobody did yet.</summary>
    private async Task ReleaseBackendAsync()
    {
        Interlocked.Exchange(ref _accepting, 0);
        await _stopping.CancelAsync();
        try
        {
            await _batchLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        if (Interlocked.Exchange(ref _backend, null) is { } backend)
        {
            await DisposeBackendAsync(backend);
        }
    }
}
