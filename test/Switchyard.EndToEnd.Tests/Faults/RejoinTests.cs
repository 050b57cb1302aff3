using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 9, point 5: a node killed with <c>kill -9</c> and started again under the same <c>--node-id</c> gets all of
/// its resources back (nothing stays reserved for the replicas that died with it) and takes replicas again.
/// </summary>
[Collection(ClusterFaults.Name)]
public sealed class RejoinTests(RedisServer redis, ITestOutputHelper output)
{
    [Fact]
    public async Task KillNine_RestartSameNodeId_ResourcesBackAndReplicasPlacedThere()
    {
        // Every node offers 4 CPUs and each replica takes 2: six replicas fill the cluster, two per node.
        await using var cluster = await TestCluster.StartAsync(redis);
        using (var resources = await cluster["n1"].Admin.PostJsonAsync("api/deploy", """
            {"backends":{"fat":{"class":"WhereAmI","config":{"num_replicas":6},"resources":{"num_cpus":2}}},
             "endpoints":{"fat":{"route":"/fat","traffic":{"fat":1}}}}
            """))
        {
            Assert.True(resources.IsSuccessStatusCode, await resources.Content.ReadAsStringAsync());
        }

        await Eventually.TrueAsync(
            async () => TestCluster.RunningOn(await cluster.StatusAsync("n1"), "fat").Count(n => n == "n3") == 2,
            "two replicas of 'fat' running on n3");
        await cluster["n3"].KillAsync();

        // Lost with n3: the survivors are full, so two replicas wait for room.
        await cluster.WaitStatusAsync(
            "n1",
            status => !TestCluster.AliveNodes(status).Contains("n3") && Pending(status) == 2,
            "n3 dead and two replicas of 'fat' pending");

        var restart = Stopwatch.StartNew();
        await cluster.StartNodeAsync("n3");
        await cluster.WaitStatusAsync(
            "n1",
            status => TestCluster.RunningOn(status, "fat").Count(n => n == "n3") == 2,
            "two replicas of 'fat' running on the restarted n3");
        var placedAfter = restart.Elapsed;

        var status = await cluster.StatusAsync("n2");
        var n3 = status["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "n3" && n["status"]!.GetValue<string>() == "alive")!;
        output.WriteLine($"kill -9 n3, restart as n3: its two replicas running there {placedAfter.TotalSeconds:0.00}s after the restart began; n3 resources {n3["resources"]!.ToJsonString()}");
        Assert.Equal(4, n3["resources"]!["total"]!["num_cpus"]!.GetValue<double>());
        Assert.Equal(0, n3["resources"]!["available"]!["num_cpus"]!.GetValue<double>()); // its two new replicas, nothing else
        Assert.Equal(6, TestCluster.RunningOn(status, "fat").Count);
    }

    private static int Pending(JsonNode status) =>
        status["backends"]!["fat"]!["replicas"]!.AsArray().Count(r => r!["state"]!.GetValue<string>() == "pending");
}
