using Switchyard.Runtime.Routing;


namespace Switchyard.Tests.Routing;

public sealed class ShardKeyHashTests
{
    [Fact]
    public void Point_KnownKey_NeverChangesAcrossReleases()
    {
        // Pinned values: a change here would move every session to another backend after an upgrade.
        Assert.Equal(ShardKeyHash.Point("session-1"), ShardKeyHash.Point("session-1"));
        Assert.Equal(1866504669u, ShardKeyHash.Point("session-1"));
        Assert.Equal(4023394144u, ShardKeyHash.Point(""));
    }

    [Fact]
    public void Point_SimilarKeys_SpreadOverTheSpace()
    {
        var halves = Enumerable.Range(0, 10_000).Count(i => ShardKeyHash.Point($"k{i}") < (1u << 31));
        Assert.InRange(halves, 4800, 5200);
    }
}
