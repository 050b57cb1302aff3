using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Routing;

namespace Switchyard.Benchmarks;

/// <summary>Taking and giving back a replica in a lane with room (the path of every request that does not queue).</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class BackendLaneBenchmarks
{
    private BackendLane _lane = null!;

    /// <summary>1: the single-replica fast path; 4: power of two choices.</summary>
    [Params(1, 4)]
    public int Replicas { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var slots = Enumerable.Range(0, Replicas).Select(i => new ReplicaSlot($"model_v1#{i}", NoReplica.Instance)).ToArray();
        _lane = new BackendLane("model_v1", new LaneSettings(slots, 100, -1, null), TimeProvider.System);
    }

    [Benchmark]
    public void TryAcquireRelease()
    {
        var slot = _lane.TryAcquire()!;
        _lane.Release(slot);
    }

    [Benchmark]
    public void AcquireAsyncRelease()
    {
        // Completes synchronously while a replica has room.
        var slot = _lane.AcquireAsync(CancellationToken.None).GetAwaiter().GetResult()!;
        _lane.Release(slot);
    }
}
