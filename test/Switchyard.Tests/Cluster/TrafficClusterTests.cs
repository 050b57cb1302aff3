using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>Traffic policy through the C# client and handles, on two nodes of one cluster.</summary>
public sealed class TrafficClusterTests
{
    private static async Task<Dictionary<string, string>> MapAsync(IServeClient client, string endpoint, int keys)
    {
        var handle = client.GetHandle(endpoint);
        var map = new Dictionary<string, string>();
        for (var i = 0; i < keys; i++)
        {
            map[$"k{i}"] = (await handle.Options(shardKey: $"k{i}").CallAsync<string>(null))!;
        }

        return map;
    }

    [Fact]
    public async Task ShardKeys_ThroughTwoNodes_SameBackendsAndWeightChangesApplyEverywhere()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"), SwitchyardCluster.Node("b"));
        var a = cluster.ClientOn(0);
        var b = cluster.ClientOn(1);
        foreach (var version in new[] { "v1", "v2", "v3" })
        {
            await a.CreateBackendAsync(version, new BackendSpec { Class = nameof(Named), InitArgs = System.Text.Json.JsonDocument.Parse($"[\"{version}\"]").RootElement });
        }

        await a.CreateEndpointAsync("api", "v1");
        await a.SetTrafficAsync("api", new Dictionary<string, double> { ["v1"] = 0.5, ["v2"] = 0.5 });
        var throughA = await MapAsync(a, "api", 1000);
        await cluster.WaitForRouterAsync(1, a);
        Assert.Equal(throughA, await MapAsync(b, "api", 1000));

        await b.SetTrafficAsync("api", new Dictionary<string, double> { ["v1"] = 0.4, ["v2"] = 0.5, ["v3"] = 0.1 });
        await cluster.WaitForRouterAsync(0, b, seconds: 1); // a change is live on every node within a second
        var after = await MapAsync(a, "api", 1000);
        var moved = throughA.Where(kv => after[kv.Key] != kv.Value).ToList();
        Assert.InRange(moved.Count, 70, 130);
        Assert.All(moved, kv => Assert.Equal(("v1", "v3"), (kv.Value, after[kv.Key])));
        Assert.Equal(after, await MapAsync(b, "api", 1000));
    }

    [Fact]
    public async Task HandleCalls_FiftyFifty_TenThousandWithinTwoPoints()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("left", new BackendSpec { Class = nameof(Named), InitArgs = System.Text.Json.JsonDocument.Parse("""{"name":"left"}""").RootElement });
        await client.CreateBackendAsync("right", new BackendSpec { Class = nameof(Named), InitArgs = System.Text.Json.JsonDocument.Parse("""{"name":"right"}""").RootElement });
        await client.CreateEndpointAsync("split", "left");
        await client.SetTrafficAsync("split", new Dictionary<string, double> { ["left"] = 0.5, ["right"] = 0.5 });
        await client.ShadowTrafficAsync("split", "right", 0.2);
        var handle = client.GetHandle("split");
        var calls = Enumerable.Range(0, 10_000).Select(_ => handle.CallAsync<string>(null));
        var results = await Task.WhenAll(calls);
        Assert.InRange(results.Count(r => r == "left"), 4800, 5200);
        var endpoints = await client.ListEndpointsAsync();
        Assert.Equal(0.2, endpoints["split"].Shadows["right"]);

        var ex = await Assert.ThrowsAsync<ServeException>(() => client.SetTrafficAsync("split", new Dictionary<string, double> { ["left"] = 0.2 }));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("weights must sum to 1", ex.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ServeException>(() => client.GetHandle("nope").CallAsync<string>(null));
        Assert.Equal(404, missing.StatusCode);
    }
}
