using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Routing;

namespace Switchyard.Benchmarks;

/// <summary>Route matching in the ingress: the longest route that is a prefix of the path on a segment boundary.</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class RouterSnapshotBenchmarks
{
    private RouterSnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 32 endpoints: 16 top-level routes and 16 nested ones, each with a one-backend traffic table.
        var traffic = TrafficTable.Create(new Dictionary<string, double> { ["model_v1"] = 1.0 });
        var lane = new BackendLane("model_v1", new LaneSettings([], 100, -1, null), TimeProvider.System);
        var byName = new Dictionary<string, EndpointRoute>(StringComparer.Ordinal);
        for (var i = 0; i < 16; i++)
        {
            byName[$"model{i}"] = new EndpointRoute($"model{i}", $"/model{i}", ["POST"], traffic, [lane], []);
            byName[$"nested{i}"] = new EndpointRoute($"nested{i}", $"/api/v1/models/model{i}", ["POST"], traffic, [lane], []);
        }

        _snapshot = new RouterSnapshot(1, byName);
    }

    [Benchmark]
    public bool Exact() => _snapshot.Match("/model7") is not null;

    [Benchmark]
    public bool NestedPrefix() => _snapshot.Match("/api/v1/models/model7/predict/now") is not null;

    [Benchmark]
    public bool Miss() => _snapshot.Match("/nothing/routes/here") is not null;
}
