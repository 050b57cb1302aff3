using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Session affinity that must survive a restart of the node.</summary>
public sealed class ShardKeyRestartTests
{
    [Fact]
    public async Task ShardKeys_AfterRestart_SameBackends()
    {
        using var temp = new TempDirectory("switchyard-e2e-shard-");
        var stateDirectory = temp.Path;
        Dictionary<string, string> before;
        await using (var node = await NodeProcess.StartAsync(stateDirectory))
        {
            foreach (var version in new[] { "s_a", "s_b", "s_c" })
            {
                using var created = await node.Admin.PostJsonAsync("api/backends", $$"""{"name":"{{version}}","class":"Named","init_args":["{{version}}"]}""");
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            using (var endpoint = await node.Admin.PostJsonAsync("api/endpoints", """{"name":"s","backend":"s_a","route":"/s"}""")) { }
            using (var t1 = await node.Admin.PutJsonAsync("api/endpoints/s/traffic", """{"s_a":0.5,"s_b":0.5}""")) { }
            using (var t2 = await node.Admin.PutJsonAsync("api/endpoints/s/traffic", """{"s_a":0.4,"s_b":0.5,"s_c":0.1}""")) { }
            before = await Map(node);
            Assert.Equal(3, before.Values.Distinct().Count());
            await node.KillAsync();
        }

        await using var restarted = await NodeProcess.StartAsync(stateDirectory);
        await Eventually.TrueAsync(async () => (await restarted.ReplicasAsync("s_c")).Any(r => r["state"]!.GetValue<string>() == "running"), "replicas back");
        await Eventually.TrueAsync(async () => (await restarted.ReplicasAsync("s_a")).Any(r => r["state"]!.GetValue<string>() == "running"), "replicas back");
        await Eventually.TrueAsync(async () => (await restarted.ReplicasAsync("s_b")).Any(r => r["state"]!.GetValue<string>() == "running"), "replicas back");
        Assert.Equal(before, await Map(restarted));
    }

    private static async Task<Dictionary<string, string>> Map(NodeProcess node)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < 1000; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "s");
            request.Headers.Add("X-SERVE-SHARD-KEY", $"user-{i}");
            using var response = await node.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            map[$"user-{i}"] = await response.Content.ReadAsStringAsync();
        }

        return map;
    }
}
