using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Routing;

namespace Switchyard.Benchmarks;

/// <summary>The stable shard-key hash, paid once per request that carries <c>X-SERVE-SHARD-KEY</c>.</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class ShardKeyHashBenchmarks
{
    private readonly string _shortKey = "user-4217";
    private readonly string _guidKey = "5f0c6d1e-9a4b-4c2e-8f7d-2b1a3c4d5e6f";

    [Benchmark]
    public uint ShortKey() => ShardKeyHash.Point(_shortKey);

    [Benchmark]
    public uint GuidKey() => ShardKeyHash.Point(_guidKey);
}
