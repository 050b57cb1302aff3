using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>Issue 9, point 6: every node killed with <c>kill -9</c>, then started again: the deployment comes back from Redis without any call, and shard keys map to the same backends.</summary>
[Collection(ClusterFaults.Name)]
public sealed class FullRestartTests(RedisServer redis, ITestOutputHelper output)
{
    [Fact]
    public async Task KillNineEveryNode_StartAgain_DeploymentBackAndShardKeysUnchanged()
    {
        await using var cluster = await TestCluster.StartAsync(redis);
        var deploy = """
            {"backends":{"s_a":{"class":"Named","init_args":["s_a"]},"s_b":{"class":"Named","init_args":["s_b"]},"s_c":{"class":"Named","init_args":["s_c"]}},
             "endpoints":{"s":{"route":"/s","traffic":{"s_a":0.4,"s_b":0.5,"s_c":0.1}}}}
            """;
        using (var deployed = await cluster["n1"].Admin.PostJsonAsync("api/deploy", deploy))
        {
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        }

        await cluster.WaitRoutedAsync("s");
        var before = await MapAsync(cluster["n2"]);
        Assert.Equal(3, before.Values.Distinct().Count());

        await Task.WhenAll(cluster.Ids.Select(id => cluster[id].KillAsync()));
        var restart = Stopwatch.StartNew();
        await Task.WhenAll(cluster.Ids.Select(cluster.StartNodeAsync));
        foreach (var id in cluster.Ids)
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    var status = await cluster.StatusAsync(id);
                    return new[] { "s_a", "s_b", "s_c" }.All(b => TestCluster.RunningOn(status, b).Count == 1);
                },
                $"every backend running again, as {id} reports",
                seconds: 60);
        }

        var back = restart.Elapsed;
        var after = await MapAsync(cluster["n3"]);
        output.WriteLine($"kill -9 of all three nodes, started again: every backend running {back.TotalSeconds:0.00}s after the restart began; {before.Count} shard keys compared");
        Assert.Equal(before, after);
    }

    private static async Task<Dictionary<string, string>> MapAsync(NodeProcess node)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < 300; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "s");
            request.Headers.Add("X-SERVE-SHARD-KEY", $"user-{i}");
            using var response = await node.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"shard key user-{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            map[$"user-{i}"] = await response.Content.ReadAsStringAsync();
        }

        return map;
    }
}
