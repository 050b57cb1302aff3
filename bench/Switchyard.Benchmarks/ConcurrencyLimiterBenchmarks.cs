using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Benchmarks;

/// <summary>A replica's <c>max_concurrent_queries</c> gate, uncontended (every request passes it once).</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class ConcurrencyLimiterBenchmarks
{
    private readonly ConcurrencyLimiter _limiter = new(100);

    [Benchmark]
    public void AcquireRelease()
    {
        _limiter.AcquireAsync(CancellationToken.None).GetAwaiter().GetResult();
        _limiter.Release();
    }
}
