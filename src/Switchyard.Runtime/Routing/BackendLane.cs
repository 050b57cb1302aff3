namespace Switchyard.Runtime.Routing;

/// <summary>
/// Where this node's requests for one backend wait and pick a replica. Lives across routing tables (its counters
/// and queue survive a swap); the replica list and limits are replaced atomically. A request takes a replica
/// with free capacity (power of two choices on in-flight counts); when every replica is at
/// <c>max_concurrent_queries</c> it waits in a bounded queue, and past the bound it is refused. A waiter that
/// gives up leaves the queue at once.
/// </summary>
internal sealed partial class BackendLane
{
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly object _waitersLock = new();
    private readonly TimeProvider _time;
    private readonly Action<string, long>? _queuedChanged;
    private readonly Action? _demandWithoutReplica;
    private volatile LaneSettings _settings;
    private int _queued;
    private int _shadowsInFlight;

    public BackendLane(string name, LaneSettings settings, TimeProvider time, Action<string, long>? queuedChanged = null, Action? demandWithoutReplica = null)
    {
        Name = name;
        _settings = settings;
        _time = time;
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

        var first = Volatile.Read(ref replicas[a].InFlight) <= Volatile.Read(ref replicas[b].InFlight) ? replicas[a] : replicas[b];
        if (!first.IsSuspect(_time) && TryTake(first, max))
        {
            return first;
        }

        // Any replica with room, avoiding ones that just failed to answer: while a healthy replica exists, even a
        // full one, the request waits for it rather than go where it just failed (a retry must reach a survivor).
        var anyHealthy = false;
        for (var i = 0; i < replicas.Length; i++)
        {
            var candidate = replicas[(a + i) % replicas.Length];
            if (!candidate.IsSuspect(_time))
            {
                anyHealthy = true;
                if (TryTake(candidate, max))
                {
                    return candidate;
                }
            }
        }

        if (anyHealthy)
        {
            return null;
        }

        for (var i = 0; i < replicas.Length; i++)
        {
            var candidate = replicas[(a + i) % replicas.Length];
            if (TryTake(candidate, max))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Avoids <paramref name="slot"/> for <paramref name="period"/> (on this lane's clock).</summary>
    public void MarkSuspect(ReplicaSlot slot, TimeSpan period) => slot.MarkSuspect(_time, period);

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
}
