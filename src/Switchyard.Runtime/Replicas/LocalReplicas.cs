using System.Collections.Concurrent;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// The replicas whose grains are active in this process, by tag: each replica grain adds its worker when it
/// starts one and takes it out when the worker stops or the grain deactivates. The router reads it to call a
/// local replica's worker directly (the local path) instead of sending an Orleans message; the grain keeps owning
/// the worker. <see cref="Version"/> changes with every add and removal, so a reader can keep what it found until
/// then without a lookup per request.
/// </summary>
internal sealed class LocalReplicas
{
    private readonly ConcurrentDictionary<string, ReplicaWorker> _workers = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>Changes whenever a worker is added or removed.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Replicas active in this process right now.</summary>
    public int Count => _workers.Count;

    public void Add(ReplicaWorker worker)
    {
        _workers[worker.ReplicaTag] = worker;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Removes <paramref name="worker"/> (only that one: a newer activation's worker under the same tag stays).</summary>
    public void Remove(ReplicaWorker worker)
    {
        if (_workers.TryRemove(new KeyValuePair<string, ReplicaWorker>(worker.ReplicaTag, worker)))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>The worker of replica <paramref name="tag"/> when its grain is active in this process.</summary>
    public ReplicaWorker? Find(string tag) => _workers.TryGetValue(tag, out var worker) ? worker : null;
}
