using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A rollout survives a controller failover: its node killed, the controller moves, the rollout goes on from its step.</summary>
public sealed class RolloutClusterTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Rollout_ControllerNodeKilledMidRollout_ResumedAtItsStepOnTheSurvivor()
    {
        var cluster = redis.NewClusterUrl();
        await using var n1 = await NodeProcess.StartAsync(extraArgs: ["--cluster", cluster, "--node-id", "n1"]);
        await using var n2 = await NodeProcess.StartAsync(extraArgs: ["--cluster", cluster, "--node-id", "n2"]);
        await Eventually.TrueAsync(
            async () => (await n1.Admin.GetJsonAsync("api/status"))["nodes"]!.AsArray().Count(n => n!["status"]!.GetValue<string>() == "alive") == 2,
            "both nodes alive", seconds: 60);
        await n1.DeployAsync("fo", "Canary", config: """{"num_replicas": 2, "user_config": {"version": "v1"}}""");
        using (var created = await n1.Admin.PostJsonAsync("api/backends", """{"name": "fo_v2", "class": "Canary", "config": {"num_replicas": 2, "user_config": {"version": "v2"}}}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var controller = (await n1.Admin.GetJsonAsync("api/status"))["controller"]!["node"]!.GetValue<string>();
        var (doomed, survivor) = controller == "n1" ? (n1, n2) : (n2, n1);
        await using var load = new LoadClients(survivor.Http, "fo");
        await load.SetAsync(2);
        JsonNode started;
        using (var response = await survivor.Admin.PostJsonAsync("api/endpoints/fo/rollout", """
            {"to": "fo_v2", "steps": [0.2, 0.5, 1.0], "step_interval_s": 3, "analysis": {"min_requests": 5}}
            """))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            started = await response.JsonAsync();
        }

        await Eventually.TrueAsync(async () => (await survivor.Admin.GetJsonAsync("api/endpoints/fo/rollout"))["step"]!.GetValue<int>() == 1, "the rollout at its second step", seconds: 60);
        await doomed.KillAsync();

        // Admin calls wait while the controller moves; the rollout is found where it was, then goes on. (Requests that
        // were on the killed node fail, and would count against the target: this rollout checks no error rate.)
        var resumed = await survivor.Admin.GetJsonAsync("api/endpoints/fo/rollout");
        Assert.Equal(started["started_at"]!.GetValue<string>(), resumed["started_at"]!.GetValue<string>());
        Assert.True(resumed["step"]!.GetValue<int>() >= 1, $"the rollout went back to step {resumed["step"]}");
        JsonNode last = resumed;
        await Eventually.TrueAsync(
            async () => (last = await survivor.Admin.GetJsonAsync("api/endpoints/fo/rollout"))["state"]!.GetValue<string>() != "running",
            "the rollout ending under the moved controller", seconds: 90);
        await load.SetAsync(0);
        Assert.True(last["state"]!.GetValue<string>() == "succeeded", $"{last.ToJsonString()}\n{survivor.Output[^Math.Min(6000, survivor.Output.Length)..]}");

        Assert.Contains("Controller active on node", survivor.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("to fo_v2 at step 0", survivor.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("to fo_v2 at step 1", survivor.Output, StringComparison.Ordinal);
        var endpoints = await survivor.Admin.GetJsonAsync("api/endpoints");
        Assert.Equal(["fo_v2"], endpoints["fo"]!["traffic"]!.AsObject().Select(t => t.Key));
    }
}
