using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Routing;

namespace Switchyard.Benchmarks;

/// <summary>Finding a request's range (and so its backend) in an endpoint's traffic table.</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class TrafficTableBenchmarks
{
    private const int Points = 1024;

    private TrafficTable _table = null!;
    private uint[] _points = null!;

    /// <summary>2: a plain A/B split; 64: a table fragmented by many weight changes.</summary>
    [Params(2, 64)]
    public int Ranges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var starts = new uint[Ranges];
        var owners = new string[Ranges];
        for (var i = 0; i < Ranges; i++)
        {
            starts[i] = (uint)(TrafficTable.Space / (ulong)Ranges * (ulong)i);
            owners[i] = i % 2 == 0 ? "model_v1" : "model_v2";
        }

        _table = new TrafficTable(starts, owners);
        var random = new Random(7);
        _points = new uint[Points];
        for (var i = 0; i < Points; i++)
        {
            _points[i] = (uint)random.NextInt64(1L << 32);
        }
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int IndexOf()
    {
        var sum = 0;
        foreach (var point in _points)
        {
            sum += _table.IndexOf(point);
        }

        return sum;
    }
}
