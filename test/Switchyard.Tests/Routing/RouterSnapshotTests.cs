using Switchyard.Runtime.Routing;


namespace Switchyard.Tests.Routing;

public sealed class RouterSnapshotTests
{
    private static RouterSnapshot Snapshot(params string?[] routes)
    {
        var table = TrafficTable.Create(new Dictionary<string, double> { ["b"] = 1 });
        var lane = new BackendLane("b", new LaneSettings([], 1, 0, null), TimeProvider.System);
        var endpoints = routes.Select((r, i) => new EndpointRoute($"e{i}", r, ["GET"], table, [lane], []))
            .ToDictionary(e => e.Name);
        return new RouterSnapshot(1, endpoints);
    }

    [Theory]
    [InlineData("/a", "/a")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a/b/c", "/a/b")]
    [InlineData("/a/x", "/a")]
    [InlineData("/a/", "/a")]
    [InlineData("/ab", null)]
    [InlineData("/", null)]
    [InlineData("/a/b/c/d/e/f/g", "/a/b")]
    [InlineData("/a/bc/d", "/a")]
    [InlineData("/a/bc", "/a")]
    [InlineData("/othe/r", null)]
    [InlineData("/other/x/y/z", "/other")]
    [InlineData("/otherwise/x", null)]
    public void Match_Path_LongestRouteOnSegmentBoundary(string path, string? expected)
    {
        var snapshot = Snapshot("/a", "/a/b", "/other");
        Assert.Equal(expected, snapshot.Match(path)?.Route);
    }

    [Fact]
    public void Match_RootRoute_MatchesEverythingElse()
    {
        var snapshot = Snapshot("/", "/api");
        Assert.Equal("/", snapshot.Match("/anything/here")?.Route);
        Assert.Equal("/api", snapshot.Match("/api/v1")?.Route);
        Assert.Equal("/", snapshot.Match("/")?.Route);
    }

    [Fact]
    public void Match_PathOfThousandsOfSegments_TheRouteItStartsWith()
    {
        // Only prefixes as long as the longest route are looked up (the rest of such a path cannot match).
        var snapshot = Snapshot("/a", "/a/b", "/models/digits/v1");
        var deep = string.Concat(Enumerable.Repeat("/x", 4000));

        Assert.Equal("/a/b", snapshot.Match("/a/b" + deep)?.Route);
        Assert.Equal("/models/digits/v1", snapshot.Match("/models/digits/v1" + deep + "/")?.Route);
        Assert.Equal("/a", snapshot.Match("/a/bb" + deep)?.Route);
        Assert.Null(snapshot.Match(deep));
        Assert.Equal("/", Snapshot("/").Match(deep)?.Route);
    }

    [Fact]
    public void Match_HandleOnlyEndpoint_NeverMatches()
    {
        Assert.Null(Snapshot((string?)null).Match("/"));
    }
}
