using System.Diagnostics;
using System.Text.Json;
using Switchyard.Runtime.Control;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>A config change is answered once stored: a backend slow to take it does not hold the answer (or the controller).</summary>
public sealed class ReconfigureClusterTests
{
    [Fact]
    public async Task SetUserConfig_BackendSlowerThanTheBound_AnsweredAtTheBoundAndTakenLater()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("conf", new BackendSpec { Class = nameof(Configurable) });
        await client.CreateEndpointAsync("conf", "conf");
        await cluster.WaitForAsync("conf", b => b.Replicas.Count == 1 && b.Replicas[0].State == "running");
        var slowerThanTheBound = ReplicaDriver.ReconfigureTimeout.TotalSeconds + 6;
        var userConfig = JsonSerializer.SerializeToElement(new { reconfigure_delay_s = slowerThanTheBound, version = 2 });

        var clock = Stopwatch.StartNew();
        await client.SetBackendConfigAsync("conf", new BackendConfigUpdate { UserConfig = userConfig }).WaitAsync(TimeSpan.FromSeconds(90));
        var answeredAfter = clock.Elapsed;

        Assert.True(answeredAfter < TimeSpan.FromSeconds(slowerThanTheBound - 1.5), $"answered after {answeredAfter}: it waited for the backend");
        Assert.Equal(2, (await cluster.StoredStateAsync()).Backends["conf"].Spec.Config.UserConfig!.Value.GetProperty("version").GetInt32());
        Assert.Single(await client.ListBackendsAsync()); // the controller answers meanwhile

        var handle = client.GetHandle("conf");
        await Eventually.ValueAsync(
            ct => handle.CallAsync<JsonElement>(null, ct),
            answer => answer.GetProperty("config") is { ValueKind: JsonValueKind.Object } config && config.GetProperty("version").GetInt32() == 2,
            "the replica to take the new user_config",
            seconds: 30,
            describe: answer => answer.GetRawText());
    }
}
