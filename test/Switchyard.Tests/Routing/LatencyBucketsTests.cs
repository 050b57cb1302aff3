using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

public sealed class LatencyBucketsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(999)]
    [InlineData(50_000)]
    [InlineData(1_234_567)]
    [InlineData(2_000_000_000)]
    public void Index_AnyLatency_FallsInABucketThatHoldsIt(long micros)
    {
        var index = LatencyBuckets.Index(micros);
        Assert.InRange(micros, LatencyBuckets.Lower(index), LatencyBuckets.Upper(index) - 1e-9);
        Assert.True(LatencyBuckets.Upper(index) - LatencyBuckets.Lower(index) <= Math.Max(1, 0.125 * LatencyBuckets.Lower(index)));
    }

    [Fact]
    public void Index_BeyondTheLastBucket_LastBucket() =>
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.Index(long.MaxValue));

    [Fact]
    public void Index_Buckets_IncreaseWithoutGaps()
    {
        for (var i = 1; i < LatencyBuckets.Count; i++)
        {
            Assert.Equal(LatencyBuckets.Upper(i - 1), LatencyBuckets.Lower(i));
        }
    }

    [Fact]
    public void QuantileMs_UniformLatencies_WithinThreePercent()
    {
        var counts = new long[LatencyBuckets.Count];
        for (var ms = 1; ms <= 1000; ms++)
        {
            counts[LatencyBuckets.Index(TimeSpan.FromMilliseconds(ms))]++;
        }

        Assert.InRange(LatencyBuckets.QuantileMs(counts, 0.99)!.Value, 990 * 0.97, 990 * 1.03);
        Assert.InRange(LatencyBuckets.QuantileMs(counts, 0.5)!.Value, 500 * 0.97, 500 * 1.03);
        Assert.Null(LatencyBuckets.QuantileMs(new long[LatencyBuckets.Count], 0.99));
    }

    [Fact]
    public void LaneFigures_Record_CountsByClassAndBucket()
    {
        var figures = new LaneFigures();
        figures.Record(200, TimeSpan.FromMilliseconds(50));
        figures.Record(503, TimeSpan.FromMilliseconds(2));
        figures.Record(404, TimeSpan.FromMilliseconds(2));

        var classes = new long[5];
        figures.ReadStatusClasses(classes);
        var latency = new long[LatencyBuckets.Count];
        figures.ReadLatency(latency);

        Assert.Equal([0L, 1, 0, 1, 1], classes);
        Assert.Equal(2, latency[LatencyBuckets.Index(TimeSpan.FromMilliseconds(2))]);
        Assert.Equal(3, latency.Sum());
    }
}
