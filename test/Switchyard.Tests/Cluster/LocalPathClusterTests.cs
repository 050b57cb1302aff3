using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Cluster;

/// <summary>
/// The local path in a real (in-process) cluster: a node's router calls a replica on its own node without an Orleans
/// message and one on another node through Orleans, and a replica that drains leaves its node's registry.
/// </summary>
public sealed class LocalPathClusterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("switchyard-journal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private BackendSpec Journaled(int replicas) => new()
    {
        Class = nameof(TestBackends.Journaled),
        InitArgs = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["journal"] = Path.Combine(_folder, "journal.log") }),
        Config = new BackendConfig { NumReplicas = replicas },
    };

    private static LocalReplicas LocalOn(SwitchyardCluster cluster, int silo) =>
        cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[silo].SiloAddress).GetRequiredService<LocalReplicas>();

    [Fact]
    public async Task HandleCall_ReplicaOnThisNode_NoOrleansMessageAndTheOtherThroughOrleans()
    {
        var messages = new ReplicaMessages();
        await using var cluster = await SwitchyardCluster.StartAsync(null, messages, SwitchyardCluster.Node("a"), SwitchyardCluster.Node("b"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("j", Journaled(2));
        await client.CreateEndpointAsync("j", "j");
        var replicas = (await cluster.BackendAsync("j")).Replicas;
        Assert.Equal(["a", "b"], replicas.Select(r => r.Node).Order());
        var local = replicas.Single(r => r.Node == "a").Tag;
        var remote = replicas.Single(r => r.Node == "b").Tag;
        Assert.NotNull(LocalOn(cluster, 0).Find(local));
        Assert.Null(LocalOn(cluster, 0).Find(remote));
        Assert.NotNull(LocalOn(cluster, 1).Find(remote));

        await cluster.WaitForRouterAsync(0, client);
        var handle = client.GetHandle("j");
        var answers = new Dictionary<string, int> { [local] = 0, [remote] = 0 };
        for (var i = 0; i < 400 && (answers[local] < 3 || answers[remote] < 3); i++)
        {
            var tag = await OnThreadPool(() => handle.CallAsync<string>("x"));
            answers[tag!]++;
        }

        Assert.True(answers[local] >= 3 && answers[remote] >= 3, $"the router used only one replica: {answers[local]} local, {answers[remote]} remote");
        Assert.Equal(0, messages.To(local)); // served in process, not through Orleans
        Assert.Equal(answers[remote], messages.To(remote)); // one Orleans message per call to the other node
    }

    [Fact]
    public async Task ScaleDown_DrainedLocalReplica_LeavesTheRegistryAndCallsGoOnToTheOther()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("j", Journaled(2));
        await client.CreateEndpointAsync("j", "j");
        var registry = LocalOn(cluster, 0);
        var before = (await cluster.BackendAsync("j")).Replicas.Select(r => r.Tag).ToHashSet();
        Assert.All(before, tag => Assert.NotNull(registry.Find(tag)));

        await client.SetBackendConfigAsync("j", new BackendConfigUpdate { NumReplicas = 1 });
        var kept = (await cluster.WaitForAsync("j", b => b.Replicas.Count == 1)).Replicas.Single().Tag;
        var drained = before.Single(tag => tag != kept);
        await Eventually.TrueAsync(() => registry.Find(drained) is null, $"drained replica {drained} to leave the local registry", seconds: 30);
        Assert.NotNull(registry.Find(kept));

        await cluster.WaitForRouterAsync(0, client);
        var handle = client.GetHandle("j");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(kept, await OnThreadPool(() => handle.CallAsync<string>("x")));
        }
    }

    /// <summary>
    /// Calls from a thread-pool thread, as Kestrel and most callers do (a caller on a synchronization context, like
    /// this test's own, goes through Orleans so that the backend never runs on that context).
    /// </summary>
    private static Task<T> OnThreadPool<T>(Func<Task<T>> call) => Task.Run(call, CancellationToken.None);

    /// <summary>Counts the Orleans messages that invoke a replica, by replica tag.</summary>
    private sealed class ReplicaMessages : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _byTag = new(StringComparer.Ordinal);

        public int To(string tag) => _byTag.TryGetValue(tag, out var count) ? count : 0;

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IReplicaGrain) && context.InterfaceMethod.Name == nameof(IReplicaGrain.InvokeAsync))
            {
                _byTag.AddOrUpdate(context.TargetId.Key.ToString(), 1, (_, n) => n + 1);
            }

            return context.Invoke();
        }
    }
}
