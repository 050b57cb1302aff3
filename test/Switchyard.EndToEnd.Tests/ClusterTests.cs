using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Several real nodes forming one cluster through Redis; nodes killed with SIGKILL.</summary>
public sealed class ClusterTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static async Task<JsonNode> StatusAsync(NodeProcess node) => await node.Admin.GetJsonAsync("api/status");

    private static async Task<NodeProcess> JoinAsync(string cluster, string id) =>
        await NodeProcess.StartAsync(extraArgs: ["--cluster", cluster, "--node-id", id]);

    private static async Task WaitForNodesAsync(NodeProcess node, params string[] alive) =>
        await Api.EventuallyAsync(async () =>
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
        await Api.EventuallyAsync(async () =>
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
        await Api.EventuallyAsync(() => Task.FromResult(n1.Output.Contains("Node n2 joined at", StringComparison.Ordinal)), "n1 logging that n2 joined");
        await n2.KillAsync();
        await Api.EventuallyAsync(() => Task.FromResult(n1.Output.Contains("Node n2 left (dead)", StringComparison.Ordinal)), "n1 logging that n2 left (dead)", seconds: 60);
    }

    [Fact]
    public async Task KillControllerNode_ControllerMovesStateKeptReplicasReplaced()
    {
        var cluster = redis.NewClusterUrl();
        await using var n1 = await JoinAsync(cluster, "n1");
        await using var n2 = await JoinAsync(cluster, "n2");
        await WaitForNodesAsync(n1, "n1", "n2");
        await n1.DeployAsync("ha", "WhereAmI", config: """{"num_replicas":4,"user_config":{"kept":true}}""");

        var controller = (await StatusAsync(n1))["controller"]!["node"]!.GetValue<string>();
        var (doomed, survivor, survivorId) = controller == "n1" ? (n1, n2, "n2") : (n2, n1, "n1");
        await doomed.KillAsync();

        await Api.EventuallyAsync(async () =>
        {
            try
            {
                var status = await StatusAsync(survivor);
                var running = status["backends"]!["ha"]!["replicas"]!.AsArray()
                    .Count(r => r!["state"]!.GetValue<string>() == "running" && r["node"]!.GetValue<string>() == survivorId);
                return status["controller"]!["node"]!.GetValue<string>() == survivorId && running == 4;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the controller on the survivor with four running replicas there", seconds: 90);

        Assert.Contains($"Controller active on node {survivorId}", survivor.Output, StringComparison.Ordinal);
        var backend = await survivor.Admin.GetJsonAsync("api/backends/ha");
        Assert.True(backend["config"]!["user_config"]!["kept"]!.GetValue<bool>());
        using var response = await survivor.Http.GetAsync("ha");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(survivorId, (await response.JsonAsync())["node"]!.GetValue<string>());

        using var scaled = await survivor.Admin.PatchJsonAsync("api/backends/ha/config", """{"num_replicas":2}""");
        Assert.True(scaled.StatusCode == HttpStatusCode.OK, await scaled.Content.ReadAsStringAsync() + survivor.Output[^Math.Min(3000, survivor.Output.Length)..]);
    }

    [Fact]
    public async Task WholeClusterKilled_NodeRestarted_StateBackFromRedis()
    {
        var cluster = redis.NewClusterUrl();
        await using (var first = await JoinAsync(cluster, "n1"))
        {
            await first.DeployAsync("durable", "Echo", config: """{"num_replicas":2}""", methods: """["POST"]""");
            await first.KillAsync();
        }

        await using var again = await JoinAsync(cluster, "n1b");
        await Api.EventuallyAsync(async () =>
        {
            using var response = await again.Http.PostAsync("durable", new StringContent("still"));
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "still";
        }, "the endpoint serving from a fresh node of the same cluster", seconds: 90);
        Assert.Equal(2, (await again.ReplicasAsync("durable")).Count(r => r["state"]!.GetValue<string>() == "running"));
    }
}
