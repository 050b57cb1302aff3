using System.Diagnostics;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>The path of one request: backend by traffic table, replica by load, retries only where safe.</summary>
internal sealed partial class Router
{
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
        var elapsed = _time.GetElapsedTime(started);
        _metrics.RequestCompleted(endpoint.Name, lane.Name, response.StatusCode, elapsed);
        lane.Figures.Record(response.StatusCode, elapsed);
        if (endpoint.Breaker is { } breaker && breaker.Record(lane, response.StatusCode))
        {
            Log.RolloutBreakerTripped(_logger, endpoint.Name, lane.Name, breaker.Errors, breaker.Requests, breaker.Guard.MaxErrorRate);
        }

        EndRoute(activity, response);
        return response;
    }

    /// <summary>
    /// Takes a replica and calls it; tries another one only when <see cref="RetryPolicy"/> allows it (the request
    /// cannot have run, or may run twice). <c>request_timeout_s</c> bounds the whole, waiting in the queue included.
    /// </summary>
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
                    return lane.Settings.Replicas.Length == 0 ? RouterProblems.NoReplica(lane.Name) : RouterProblems.QueueFull(lane.Name);
                }

                ReplicaResponse? response = null;
                CallOutcome outcome;
                try
                {
                    var answer = activity is null
                        ? await slot.Channel.InvokeAsync(request, token).ConfigureAwait(false)
                        : await InvokeTracedAsync(slot, request, activity, attempt, token).ConfigureAwait(false);
                    response = answer;
                    outcome = answer.NotRunning ? CallOutcome.NotRunning : CallOutcome.Answered;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    outcome = slot.Channel.Classify(ex);
                    Log.ReplicaCallFailed(_logger, slot.Tag, outcome.ToString(), ex);
                }
                finally
                {
                    lane.Release(slot);
                }

                if (RetryPolicy.MarksSuspect(outcome))
                {
                    lane.MarkSuspect(slot, SuspectPeriod);
                }

                // Whether the request may run twice matters only once its node was lost mid-call.
                var safeToRetry = outcome == CallOutcome.NodeLost && RetryPolicy.IsSafeToRetry(request);
                if (!RetryPolicy.ShouldRetry(outcome, safeToRetry, attempt))
                {
                    return response ?? RouterProblems.After(outcome, lane.Name, safeToRetry);
                }
            }
        }
        catch (OperationCanceledException) when (deadline is not null && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return RouterProblems.Timeout(lane.Name, timeout!.Value);
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private void Shadow(BackendLane lane, ReplicaRequest request)
    {
        var size = request.Body.Length + (request.Text?.Length ?? 0) * (long)sizeof(char);
        if (size > 0 && Interlocked.Add(ref _shadowBodyBytes, size) > MaxShadowBodyBytes)
        {
            Interlocked.Add(ref _shadowBodyBytes, -size);
            return; // the copies hold all the bodies they may: drop this one rather than hold more
        }

        if (lane.TryAcquireForShadow(MaxShadowsInFlight) is not { } slot)
        {
            Interlocked.Add(ref _shadowBodyBytes, -size);
            return; // the shadow is busy: drop the copy rather than slow anyone
        }

        _ = ShadowAsync(lane, slot, request, size);
    }

    private async Task ShadowAsync(BackendLane lane, ReplicaSlot slot, ReplicaRequest request, long size)
    {
        // Nobody waits for a copy, but the shadow backend's request_timeout_s still bounds how long it holds a slot and its body.
        using var deadline = lane.Settings.RequestTimeout is { } timeout ? new CancellationTokenSource(timeout, _time) : null;
        try
        {
            await Task.Yield();
            await slot.Channel.InvokeAsync(request, deadline?.Token ?? CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ShadowFailed(_logger, lane.Name, ex);
        }
        finally
        {
            lane.ReleaseShadow(slot);
            Interlocked.Add(ref _shadowBodyBytes, -size);
        }
    }

    /// <summary>The breaker of the step <paramref name="guard"/> watches: the current one when it is the same step (its counts and trip carry over a new table), else a new one.</summary>
    private RolloutBreaker BreakerFor(string endpoint, RolloutGuard guard, Dictionary<string, BackendLane> lanes)
    {
        var target = LaneOf(lanes, guard.Target);
        return _snapshot.ByName.TryGetValue(endpoint, out var current) && current.Breaker is { } breaker && breaker.Watches(guard) && ReferenceEquals(breaker.Target, target)
            ? breaker
            : new RolloutBreaker(guard, target);
    }

    private BackendLane LaneOf(Dictionary<string, BackendLane> lanes, string name) =>
        lanes.TryGetValue(name, out var lane) ? lane : new BackendLane(name, new LaneSettings([], 1, 0, null), _time);
}
