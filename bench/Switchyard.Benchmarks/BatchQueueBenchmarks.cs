using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Batching;

namespace Switchyard.Benchmarks;

/// <summary>
/// A replica's batch queue, per request: enqueue, then take the batch (full, so it leaves without waiting). Costs
/// are per request; the 32-request batch divides its one take among its 32 requests.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class BatchQueueBenchmarks
{
    private const int Batch = 32;

    private readonly object _item = new();
    private BatchQueue<object> _single = null!;
    private BatchQueue<object> _batched = null!;

    [GlobalSetup]
    public void Setup()
    {
        _single = new BatchQueue<object>(TimeProvider.System, 1, TimeSpan.FromMilliseconds(2));
        _batched = new BatchQueue<object>(TimeProvider.System, Batch, TimeSpan.FromMilliseconds(2));
    }

    [Benchmark(Baseline = true)]
    public int EnqueueTake_MaxBatch1()
    {
        _single.Enqueue(_item);
        return _single.TakeAsync(CancellationToken.None).GetAwaiter().GetResult().Count;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Enqueue32Take_MaxBatch32()
    {
        for (var i = 0; i < Batch; i++)
        {
            _batched.Enqueue(_item);
        }

        return _batched.TakeAsync(CancellationToken.None).GetAwaiter().GetResult().Count;
    }
}
