using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>Placement carried out through Orleans on a multi-silo in-process cluster whose silos declare different resources.</summary>
public sealed class PlacementClusterTests
{
    private static async Task<List<TestBackends.Placement>> CallManyAsync(IServeClient client, string endpoint, int calls)
    {
        var handle = client.GetHandle(endpoint);
        var results = new List<TestBackends.Placement>();
        for (var i = 0; i < calls; i++)
        {
            results.Add((await handle.CallAsync<TestBackends.Placement>("x"))!);
        }

        return results;
    }

    [Fact]
    public async Task CreateBackend_FractionalGpus_PackOnTheGpuNodeAndRunThere()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("cpu-node"), SwitchyardCluster.Node("gpu-node", gpus: 1));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("gpu", new BackendSpec
        {
            Class = nameof(WhereAmI),
            Config = new BackendConfig { NumReplicas = 3 },
            Resources = new BackendResources { NumGpus = 0.5 },
        });

        var info = await cluster.BackendAsync("gpu");
        Assert.Equal(2, info.Replicas.Count(r => r.State == "running"));
        Assert.All(info.Replicas.Where(r => r.State == "running"), r => Assert.Equal("gpu-node", r.Node));
        var pending = Assert.Single(info.Replicas, r => r.State == "pending");
        Assert.Equal("needs num_gpus=0.5, most free on any node is 0 (on one GPU)", pending.Reason);

        await client.CreateEndpointAsync("gpu", "gpu");
        var placements = await CallManyAsync(client, "gpu", 20);
        Assert.All(placements, p => Assert.Equal("gpu-node", p.Node));
        Assert.All(placements, p => Assert.Equal([0], p.GpuIds));
        Assert.Equal(2, placements.Select(p => p.Replica).Distinct().Count());
    }

    [Fact]
    public async Task NodeJoins_WithTheMissingGpu_PendingReplicaPlacedThere()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(1, SwitchyardCluster.Node("cpu-only"), SwitchyardCluster.Node("gpu-node", gpus: 1));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("needs-gpu", new BackendSpec { Class = nameof(WhereAmI), Resources = new BackendResources { NumGpus = 1 } });
        Assert.Equal("pending", Assert.Single((await cluster.BackendAsync("needs-gpu")).Replicas).State);

        await cluster.Cluster.StartAdditionalSiloAsync();
        var info = await cluster.WaitForAsync("needs-gpu", b => b.Replicas.Count == 1 && b.Replicas[0].State == "running", seconds: 60);
        Assert.Equal("gpu-node", info.Replicas[0].Node);
        Assert.Equal([0], info.Replicas[0].GpuIds);
    }

    [Fact]
    public async Task ScaleDown_FreesCapacity_PendingReplicaOfAnotherBackendIsPlaced()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a", cpus: 2), SwitchyardCluster.Node("b", cpus: 2));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("big", new BackendSpec { Class = nameof(WhereAmI), Config = new BackendConfig { NumReplicas = 2 }, Resources = new BackendResources { NumCpus = 2 } });
        await client.CreateBackendAsync("late", new BackendSpec { Class = nameof(WhereAmI), Resources = new BackendResources { NumCpus = 1 } });
        var late = await cluster.BackendAsync("late");
        Assert.Equal("pending", Assert.Single(late.Replicas).State);
        Assert.StartsWith("needs num_cpus=1", late.Replicas[0].Reason, StringComparison.Ordinal);

        await client.SetBackendConfigAsync("big", new BackendConfigUpdate { NumReplicas = 1 });
        await cluster.WaitForAsync("late", b => b.Replicas.Count == 1 && b.Replicas[0].State == "running");
    }

    [Fact]
    public async Task CreateBackend_NoResources_SpreadsOverNodes()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"), SwitchyardCluster.Node("b"));
        var client = cluster.ClientOn(1);
        await client.CreateBackendAsync("spread", new BackendSpec { Class = nameof(WhereAmI), Config = new BackendConfig { NumReplicas = 4 } });
        await client.CreateEndpointAsync("spread", "spread");
        var info = await cluster.BackendAsync("spread");
        Assert.Equal(2, info.Replicas.Count(r => r.Node == "a"));
        Assert.Equal(2, info.Replicas.Count(r => r.Node == "b"));

        var placements = await CallManyAsync(client, "spread", 40);
        var byReplica = placements.GroupBy(p => p.Replica).ToDictionary(g => g.Key, g => g.First().Node);
        foreach (var replica in info.Replicas)
        {
            if (byReplica.TryGetValue(replica.Tag, out var node))
            {
                Assert.Equal(replica.Node, node);
            }
        }
    }

    [Fact]
    public async Task KillSilo_ReplicasOnIt_ReplacedOnSurvivor()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"), SwitchyardCluster.Node("b"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("ha", new BackendSpec { Class = nameof(WhereAmI), Config = new BackendConfig { NumReplicas = 2 } });
        var before = await cluster.BackendAsync("ha");
        Assert.Equal(["a", "b"], before.Replicas.Select(r => r.Node).Order());

        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[1]);
        await cluster.WaitForAsync("ha", b => b.Replicas.Count(r => r.State == "running" && r.Node == "a") == 2, seconds: 60);
    }
}
