using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Stopping, killing and restarting real nodes: acknowledged state is never lost.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task KillNine_RestartWithSameStateDir_EverythingBackAndServing()
    {
        using var temp = new TempDirectory("switchyard-e2e-kill-");
        var stateDirectory = temp.Path;
        var ports = NodePorts.Free();
        await using (var node = await NodeProcess.StartAsync(stateDirectory, ports))
        {
            await node.DeployAsync("kept", "Configurable", config: """{"num_replicas":2,"user_config":{"v":7}}""");
            using (var patch = await node.Admin.PatchJsonAsync("api/backends/kept/config", """{"num_replicas":3}"""))
            {
                Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            }

            await node.KillAsync();
        }

        await using var restarted = await NodeProcess.StartAsync(stateDirectory, NodePorts.Free());
        await Eventually.TrueAsync(
            async () => (await restarted.ReplicasAsync("kept")).Count(r => r["state"]!.GetValue<string>() == "running") == 3,
            "three running replicas after the restart");
        var answer = await restarted.Http.GetJsonAsync("kept");
        Assert.Equal(7, answer["config"]!["v"]!.GetValue<int>());
        var backend = await restarted.Admin.GetJsonAsync("api/backends/kept");
        Assert.Equal(3, backend["config"]!["num_replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sigterm_GracefulStopThenRestart_StateBack()
    {
        using var temp = new TempDirectory("switchyard-e2e-term-");
        var stateDirectory = temp.Path;
        await using (var node = await NodeProcess.StartAsync(stateDirectory))
        {
            await node.DeployAsync("termed", "Echo", methods: """["POST"]""");
            Assert.Equal(0, await node.TerminateAsync());
        }

        await using var restarted = await NodeProcess.StartAsync(stateDirectory);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await restarted.Http.PostAsync("termed", new StringContent("back"));
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "back";
        }, "the endpoint serving after the restart");
    }
}
