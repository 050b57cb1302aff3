namespace Switchyard.Runtime.Routing;

/// <summary>
/// Where this node's requests for one backend wait and pick a replica. Lives across routing tables (its counters
/// and queue survive a swap); the replica list and limits are replaced atomically. A request takes a replica
/// with free capacity (power of two choices on in-flight counts); when every replica is at
/// <c>max_concurrent_queries</c> it waits in a bounded queue, and past the bound it is refused.
/// </summary>
internal sealed partial class BackendLane
{
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private readonly object _waitersLock = new();
    private volatile LaneSettings _settings;
    private int _queued;
    private int _shadowsInFlight;

    private readonly Action<string, long>? _queuedChanged;
    private readonly Action? _demandWithoutReplica;

    public BackendLane(string name, LaneSettings settings, Action<string, long>? queuedChanged = null, Action? demandWithoutReplica = null)
    {
        Name = name;
        _settings = settings;
        _queuedChanged = queuedChanged;
        _demandWithoutReplica = demandWithoutReplica;
    }

    public string Name { get; }

    public LaneSettings Settings => _settings;

    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Installs a new replica list and limits, and lets every waiter look again.</summary>
    public void Update(LaneSettings settings)
    {
        _settings = settings;
        WakeAll();
    }

    /// <summary>Takes a replica with free capacity, without waiting.</summary>
    public ReplicaSlot? TryAcquire()
    {
        var settings = _settings;
        var replicas = settings.Replicas;
        var max = settings.MaxConcurrentQueries;
        switch (replicas.Length)
        {
            case 0:
                return null;
            case 1:
                return TryTake(replicas[0], max) ? replicas[0] : null;
        }

        // Power of two choices: the less loaded of two random replicas, then any with room.
        var a = Random.Shared.Next(replicas.Length);
        var b = Random.Shared.Next(replicas.Length - 1);
        if (b >= a)
        {
            b++;
        }

        var now = Environment.TickCount64;
        var first = Volatile.Read(ref replicas[a].InFlight) <= Volatile.Read(ref replicas[b].InFlight) ? replicas[a] : replicas[b];
        if (!first.IsSuspect(now) && TryTake(first, max))
        {
            return first;
        }

        // Any replica with room, avoiding ones that just failed to answer unless nothing else has room.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < replicas.Length; i++)
            {
                var candidate = replicas[(a + i) % replicas.Length];
                if ((pass == 1 || !candidate.IsSuspect(now)) && TryTake(candidate, max))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Takes a replica, waiting in the queue when all are busy; null when there is none or the queue is full.</summary>
    public async ValueTask<ReplicaSlot?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (TryAcquire() is { } slot)
        {
            return slot;
        }

        var settings = _settings;
        var limit = settings.MaxQueuedRequests;
        if ((settings.Replicas.Length == 0 && !settings.HoldWhenEmpty) || limit == 0)
        {
            return null;
        }

        if (Interlocked.Increment(ref _queued) > limit && limit > 0)
        {
            Interlocked.Decrement(ref _queued);
            return null;
        }

        _queuedChanged?.Invoke(Name, 1);
        if (settings.Replicas.Length == 0)
        {
            // The controller hears of this demand at once, not at the next report: a replica starts for it.
            _demandWithoutReplica?.Invoke();
        }

        try
        {
            while (true)
            {
                var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_waitersLock)
                {
                    _waiters.Enqueue(waiter);
                }

                // A release between the failed try and the enqueue would be lost without this second look.
                if (TryAcquire() is { } late)
                {
                    waiter.TrySetResult(false);
                    return late;
                }

                try
                {
                    await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Woken at the moment it gave up: pass the wake-up on so no free slot goes unnoticed.
                    if (!waiter.TrySetResult(false))
                    {
                        WakeOne();
                    }

                    throw;
                }

                if (TryAcquire() is { } woken)
                {
                    return woken;
                }

                if (_settings is { Replicas.Length: 0, HoldWhenEmpty: false })
                {
                    return null;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            _queuedChanged?.Invoke(Name, -1);
        }
    }

    public void Release(ReplicaSlot slot)
    {
        Interlocked.Decrement(ref slot.InFlight);
        if (Volatile.Read(ref _queued) > 0)
        {
            WakeOne();
        }
    }

    /// <summary>Admits a shadow copy only when it cannot slow anyone: a free replica now, and few shadows in flight.</summary>
    public ReplicaSlot? TryAcquireForShadow(int maxShadowsInFlight)
    {
        if (Interlocked.Increment(ref _shadowsInFlight) > maxShadowsInFlight)
        {
            Interlocked.Decrement(ref _shadowsInFlight);
            return null;
        }

        var slot = TryAcquire();
        if (slot is null)
        {
            Interlocked.Decrement(ref _shadowsInFlight);
        }

        return slot;
    }

    public void ReleaseShadow(ReplicaSlot slot)
    {
        Interlocked.Decrement(ref _shadowsInFlight);
        Release(slot);
    }

    private static bool TryTake(ReplicaSlot slot, int max)
    {
        var current = Volatile.Read(ref slot.InFlight);
        while (current < max)
        {
            var seen = Interlocked.CompareExchange(ref slot.InFlight, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private void WakeOne()
    {
        lock (_waitersLock)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(true))
                {
                    return;
                }
            }
        }
    }

    private void WakeAll()
    {
        lock (_waitersLock)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult(true);
            }
        }
    }
}
