using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Several real nodes forming one cluster through Redis (faults: Faults/).</summary>
public sealed class ClusterTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static async Task<JsonNode> StatusAsync(NodeProcess node) => await node.Admin.GetJsonAsync("api/status");

    private static async Task<NodeProcess> JoinAsync(string cluster, string id) =>
        await NodeProcess.StartAsync(extraArgs: ["--cluster", cluster, "--node-id", id]);

    private static async Task WaitForNodesAsync(NodeProcess node, params string[] alive) =>
        await Eventually.TrueAsync(async () =>
        {
            var nodes = (await StatusAsync(node))["nodes"]!.AsArray();
            var live = nodes.Where(n => n!["status"]!.GetValue<string>() == "alive").Select(n => n!["id"]!.GetValue<string>()).Order();
            return live.SequenceEqual(alive.Order());
        }, $"nodes {string.Join(", ", alive)} alive", seconds: 60);

    [Fact]
    public async Task TwoNodes_ReplicasSpreadAndEitherIngressReachesBoth()
    {
        var cluster = redis.NewClusterUrl();
        await using var n1 = await JoinAsync(cluster, "n1");
        await using var n2 = await JoinAsync(cluster, "n2");
        await WaitForNodesAsync(n1, "n1", "n2");

        await n1.DeployAsync("where", "WhereAmI", config: """{"num_replicas":4}""");
        var replicas = await n1.ReplicasAsync("where");
        Assert.Equal(2, replicas.Count(r => r["node"]!.GetValue<string>() == "n1"));
        Assert.Equal(2, replicas.Count(r => r["node"]!.GetValue<string>() == "n2"));

        var nodesSeen = new HashSet<string>();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await n2.Http.GetAsync("where");
            if (response.IsSuccessStatusCode)
            {
                nodesSeen.Add((await response.JsonAsync())["node"]!.GetValue<string>());
            }

            return nodesSeen.Count == 2;
        }, "requests through n2 answered by replicas on both nodes");

        // The controller (on n1, which started first) logs each membership change as one line.
        Assert.Equal("n1", (await StatusAsync(n1))["controller"]!["node"]!.GetValue<string>());
        await Eventually.TrueAsync(() => Task.FromResult(n1.Output.Contains("Node n2 joined at", StringComparison.Ordinal)), "n1 logging that n2 joined");
        await n2.KillAsync();
        await Eventually.TrueAsync(() => Task.FromResult(n1.Output.Contains("Node n2 left (dead)", StringComparison.Ordinal)), "n1 logging that n2 left (dead)", seconds: 60);
    }
}
