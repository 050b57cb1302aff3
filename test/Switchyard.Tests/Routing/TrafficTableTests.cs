using Switchyard.Runtime.Routing;


namespace Switchyard.Tests.Routing;

public sealed class TrafficTableTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 20_000).Select(i => $"user-{i}").ToArray();

    private static Dictionary<string, double> W(params (string Backend, double Weight)[] weights) =>
        weights.ToDictionary(w => w.Backend, w => w.Weight);

    private static Dictionary<string, string> Assign(TrafficTable table) =>
        Keys.ToDictionary(k => k, k => table.Lookup(ShardKeyHash.Point(k)));

    [Fact]
    public void Create_Weights_SharesMatchWeightsExactly()
    {
        var table = TrafficTable.Create(W(("a", 0.25), ("b", 0.75)));
        var shares = table.Shares();
        Assert.Equal(TrafficTable.Space / 4, shares["a"]);
        Assert.Equal(TrafficTable.Space * 3 / 4, shares["b"]);
    }

    [Fact]
    public void Quotas_ThirdsThatDoNotDivide_SumToWholeSpace()
    {
        var quotas = TrafficTable.Quotas(W(("a", 1 / 3.0), ("b", 1 / 3.0), ("c", 1 / 3.0)));
        Assert.Equal(TrafficTable.Space, quotas.Values.Aggregate(0UL, (x, y) => x + y));
    }

    [Fact]
    public void Lookup_SameKeyTwice_SameBackend()
    {
        var table = TrafficTable.Create(W(("a", 0.5), ("b", 0.5)));
        Assert.Equal(Assign(table), Assign(table));
    }

    [Fact]
    public void Rebalance_NinetyTenToEightyTwenty_MovesAboutTenPercentAllToSecond()
    {
        var before = TrafficTable.Create(W(("v1", 0.9), ("v2", 0.1)));
        var after = before.Rebalance(W(("v1", 0.8), ("v2", 0.2)));
        var (moved, moves) = Diff(Assign(before), Assign(after));
        Assert.InRange(moved, 0.085, 0.115);
        Assert.All(moves, m => Assert.Equal(("v1", "v2"), m));
    }

    [Fact]
    public void Rebalance_ThreeBackends_MovesOnlyFromFirstToThird()
    {
        var before = TrafficTable.Create(W(("a", 0.5), ("b", 0.5), ("c", 0.0)));
        var after = before.Rebalance(W(("a", 0.4), ("b", 0.5), ("c", 0.1)));
        var (moved, moves) = Diff(Assign(before), Assign(after));
        Assert.InRange(moved, 0.085, 0.115);
        Assert.All(moves, m => Assert.Equal(("a", "c"), m));
    }

    [Fact]
    public void Rebalance_SeveralStepsThreeBackends_EachStepMovesAtMostTheWeightThatMoved()
    {
        var steps = new[]
        {
            W(("a", 0.98), ("b", 0.01), ("c", 0.01)),
            W(("a", 0.5), ("b", 0.25), ("c", 0.25)),
            W(("a", 0.2), ("b", 0.5), ("c", 0.3)),
            W(("a", 0.6), ("b", 0.1), ("c", 0.3)),
            W(("a", 1.0)),
        };
        var table = TrafficTable.Create(W(("a", 1.0)));
        var previousWeights = W(("a", 1.0));
        foreach (var weights in steps)
        {
            var next = table.Rebalance(weights);
            var (moved, moves) = Diff(Assign(table), Assign(next));
            var weightMoved = 0.5 * weights.Keys.Union(previousWeights.Keys)
                .Sum(b => Math.Abs(weights.GetValueOrDefault(b) - previousWeights.GetValueOrDefault(b)));
            Assert.True(moved <= weightMoved + 0.015, $"moved {moved:P2} but only {weightMoved:P2} of the weight moved");
            foreach (var (from, to) in moves)
            {
                Assert.True(weights.GetValueOrDefault(from) < previousWeights.GetValueOrDefault(from), $"keys left {from} whose weight did not fall");
                Assert.True(weights.GetValueOrDefault(to) > previousWeights.GetValueOrDefault(to), $"keys went to {to} whose weight did not rise");
            }

            foreach (var (backend, share) in next.Shares())
            {
                Assert.Equal(TrafficTable.Quotas(weights)[backend], share);
            }

            table = next;
            previousWeights = weights;
        }
    }

    [Fact]
    public void Rebalance_ManyChanges_TableStaysCompact()
    {
        var table = TrafficTable.Create(W(("a", 0.5), ("b", 0.5)));
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var x = random.NextDouble();
            var y = random.NextDouble() * (1 - x);
            table = table.Rebalance(W(("a", x), ("b", y), ("c", 1 - x - y)));
        }

        // Each change splits at most a few ranges; merging keeps the table far below one range per change.
        Assert.True(table.RangeCount < 400, $"{table.RangeCount} ranges");
    }

    [Fact]
    public void Lookup_RandomPoints_FollowWeights()
    {
        var table = TrafficTable.Create(W(("big", 0.99), ("small", 0.01)));
        var random = new Random(42);
        var small = Enumerable.Range(0, 10_000).Count(_ => table.Lookup((uint)random.NextInt64(1L << 32)) == "small");
        Assert.InRange(small, 50, 150);
    }

    private static (double Moved, List<(string From, string To)> Moves) Diff(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var moves = before.Where(kv => after[kv.Key] != kv.Value).Select(kv => (kv.Value, after[kv.Key])).ToList();
        return ((double)moves.Count / before.Count, moves);
    }
}
