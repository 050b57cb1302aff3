using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A rollout survives its controller: a node killed mid-rollout and started again resumes it at its step.</summary>
public sealed class RolloutRestartTests
{
    [Fact]
    public async Task Rollout_NodeKilledMidRollout_ResumesAtItsStepNothingRepeated()
    {
        using var temp = new TempDirectory("switchyard-e2e-rollout-");
        string startedAt;
        await using (var node = await NodeProcess.StartAsync(temp.Path))
        {
            await node.DeployAsync("resume", "Canary", config: """{"user_config": {"version": "v1"}}""");
            using (var created = await node.Admin.PostJsonAsync("api/backends", """{"name": "resume_v2", "class": "Canary", "config": {"user_config": {"version": "v2"}}}"""))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            await using var load = new LoadClients(node.Http, "resume");
            await load.SetAsync(2);
            using (var started = await node.Admin.PostJsonAsync("api/endpoints/resume/rollout", """
                {"to": "resume_v2", "steps": [0.2, 0.5, 1.0], "step_interval_s": 3, "analysis": {"min_requests": 5, "max_error_rate": 0.1}}
                """))
            {
                Assert.Equal(HttpStatusCode.Created, started.StatusCode);
                startedAt = (await started.JsonAsync())["started_at"]!.GetValue<string>();
            }

            await Eventually.TrueAsync(async () => (await node.Admin.GetJsonAsync("api/endpoints/resume/rollout"))["step"]!.GetValue<int>() == 1, "the rollout at its second step", seconds: 60);
            await node.KillAsync();
            await load.SetAsync(0);
        }

        await using var restarted = await NodeProcess.StartAsync(temp.Path);
        var resumed = await restarted.Admin.GetJsonAsync("api/endpoints/resume/rollout");
        Assert.Equal(startedAt, resumed["started_at"]!.GetValue<string>());
        Assert.True(resumed["step"]!.GetValue<int>() >= 1, $"the rollout went back to step {resumed["step"]}");
        Assert.Equal(0.5, resumed["weights"]!["resume_v2"]!.GetValue<double>(), 9);

        await using var after = new LoadClients(restarted.Http, "resume");
        await after.SetAsync(2);
        await Eventually.TrueAsync(async () => (await restarted.Admin.GetJsonAsync("api/endpoints/resume/rollout"))["state"]!.GetValue<string>() == "succeeded", "the resumed rollout succeeding", seconds: 60);
        await after.SetAsync(0);

        Assert.Contains("to resume_v2 at step 2", restarted.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("to resume_v2 at step 1", restarted.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("to resume_v2 at step 0", restarted.Output, StringComparison.Ordinal);
    }
}
