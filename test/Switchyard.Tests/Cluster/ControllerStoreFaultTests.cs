using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Routing;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>
/// The controller with a store that fails on demand (a fault-injecting storage under the embedded file store): a
/// rejected call has no effect, in memory, in routing or in the store, and changes made later never carry it.
/// </summary>
public sealed class ControllerStoreFaultTests
{
    private static BackendSpec Spec(string @class = nameof(Echo), int replicas = 1) =>
        new() { Class = @class, Config = new BackendConfig { NumReplicas = replicas } };

    private static async Task<string> ListedAsync(SwitchyardCluster cluster) =>
        JsonSerializer.Serialize(await cluster.Controller.ListBackendsAsync(CancellationToken.None))
        + JsonSerializer.Serialize(await cluster.Controller.ListEndpointsAsync(CancellationToken.None));

    private static long RoutingVersion(SwitchyardCluster cluster) =>
        cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[0].SiloAddress).GetRequiredService<Router>().Snapshot.Version;

    [Fact]
    public async Task EveryKindOfCall_StoreFailing_503NamingTheStoreAndNothingChanges()
    {
        var faults = new StoreFaults();
        await using var cluster = await SwitchyardCluster.StartAsync(faults, null, SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("keep", Spec());
        await client.CreateBackendAsync("spare", Spec());
        await client.CreateEndpointAsync("keep", "keep", "/keep");
        var listed = await ListedAsync(cluster);
        var version = RoutingVersion(cluster);

        faults.Failing = true;
        var calls = new (string What, Func<Task> Call)[]
        {
            ("create backend", () => client.CreateBackendAsync("new", Spec())),
            ("update config", () => client.SetBackendConfigAsync("keep", new BackendConfigUpdate { NumReplicas = 3 })),
            ("delete backend", () => client.DeleteBackendAsync("spare")),
            ("create endpoint", () => client.CreateEndpointAsync("new", "keep", "/new")),
            ("delete endpoint", () => client.DeleteEndpointAsync("keep")),
            ("set traffic", () => client.SetTrafficAsync("keep", new Dictionary<string, double> { ["keep"] = 0.5, ["spare"] = 0.5 })),
            ("set shadow", () => client.ShadowTrafficAsync("keep", "spare", 0.5)),
            ("deploy", () => client.DeployAsync(new DeploymentSpec { Backends = new Dictionary<string, BackendSpec> { ["only"] = Spec() } })),
        };
        foreach (var (what, call) in calls)
        {
            var error = await Assert.ThrowsAsync<ServeException>(call);
            Assert.True(error.StatusCode == 503, $"{what}: {error.StatusCode} {error.Message}");
            Assert.Contains("the controller's store is unreachable, so nothing was changed", error.Message, StringComparison.Ordinal);
            Assert.Equal(listed, await ListedAsync(cluster));
            Assert.Equal(version, RoutingVersion(cluster));
        }

        Assert.True(faults.FailedWrites >= calls.Length, $"{faults.FailedWrites} writes refused");

        // The store is back: the next change is exactly that change, in memory and in the store.
        faults.Failing = false;
        await client.CreateEndpointAsync("after", "spare", "/after");
        var endpoints = await client.ListEndpointsAsync();
        Assert.Equal(["after", "keep"], endpoints.Keys.Order());
        Assert.Equal(new Dictionary<string, double> { ["keep"] = 1.0 }, endpoints["keep"].Traffic);
        Assert.Empty(endpoints["keep"].Shadows);
        var backends = await client.ListBackendsAsync();
        Assert.Equal(["keep", "spare"], backends.Keys.Order());
        Assert.Equal(1, backends["keep"].Config.NumReplicas);

        var stored = await cluster.StoredStateAsync();
        Assert.Equal(["keep", "spare"], stored.Backends.Keys);
        Assert.Equal(["after", "keep"], stored.Endpoints.Keys);
        Assert.Equal(1, stored.Backends["keep"].Spec.Config.NumReplicas);
        Assert.Equal(["keep"], stored.Endpoints["keep"].Traffic.Keys);
    }

    [Fact]
    public async Task Calls_WriteLandsButItsAnswerIsLost_AcknowledgedAfterReadingBackAndLaterCallsWork()
    {
        var faults = new StoreFaults();
        await using var cluster = await SwitchyardCluster.StartAsync(faults, null, SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("keep", Spec());
        await client.CreateEndpointAsync("keep", "keep", "/keep");

        // Each write lands, then times out: the controller reads the state back, finds its write, and acknowledges it
        // (answering 503 here would be a refusal that took effect).
        faults.LosingAnswers = true;
        await client.CreateBackendAsync("landed", Spec());
        await client.SetBackendConfigAsync("keep", new BackendConfigUpdate { NumReplicas = 2 });
        await client.CreateEndpointAsync("landed", "landed", "/landed");
        Assert.True(faults.LostAnswers >= 3, $"{faults.LostAnswers} answers lost");

        // The ETag read back is the store's: the next write is accepted, not taken for another controller's.
        faults.LosingAnswers = false;
        await client.DeleteEndpointAsync("keep");
        Assert.Equal(["landed"], (await client.ListEndpointsAsync()).Keys);
        var stored = await cluster.StoredStateAsync();
        Assert.Equal(["keep", "landed"], stored.Backends.Keys.Order());
        Assert.Equal(2, stored.Backends["keep"].Spec.Config.NumReplicas);
        Assert.Equal(["landed"], stored.Endpoints.Keys);
    }

    [Fact]
    public async Task Call_WriteLandsAnswerLostAndUnreadable_503SayingItMayHaveBeenMadeThenTheStoreDecides()
    {
        var faults = new StoreFaults();
        await using var cluster = await SwitchyardCluster.StartAsync(faults, null, SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("keep", Spec());

        faults.LosingAnswers = true;
        faults.Unreadable = true;
        var error = await Assert.ThrowsAsync<ServeException>(() => client.CreateBackendAsync("landed", Spec()));
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("did not confirm the change in time and could not be read back, so it may have been made", error.Message, StringComparison.Ordinal);
        Assert.Equal(["keep", "landed"], (await cluster.StoredStateAsync()).Backends.Keys.Order()); // it did land

        // The store answers again. The next change meets the ETag the lost write moved: the controller steps down and
        // the call is answered by its successor, which starts from what the store holds: nothing landed is lost.
        faults.LosingAnswers = false;
        faults.Unreadable = false;
        await client.CreateBackendAsync("after", Spec());
        Assert.Equal(["after", "keep", "landed"], (await client.ListBackendsAsync()).Keys.Order());
        Assert.Equal(["after", "keep", "landed"], (await cluster.StoredStateAsync()).Backends.Keys.Order());
    }

    [Fact]
    public async Task Call_WriteTimesOutBeforeLanding_503NothingChangedAndLaterCallsWork()
    {
        var faults = new StoreFaults();
        await using var cluster = await SwitchyardCluster.StartAsync(faults, null, SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("keep", Spec());
        var listed = await ListedAsync(cluster);

        faults.TimingOutUnwritten = true;
        var error = await Assert.ThrowsAsync<ServeException>(() => client.CreateBackendAsync("lost", Spec()));
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("the controller's store is unreachable, so nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(listed, await ListedAsync(cluster));

        faults.TimingOutUnwritten = false;
        await client.CreateBackendAsync("after", Spec());
        Assert.Equal(["after", "keep"], (await cluster.StoredStateAsync()).Backends.Keys.Order());
    }

    [Fact]
    public async Task ReplaceFailedReplica_StoreFailing_NoReplacementUntilTheStoreHasIt()
    {
        var faults = new StoreFaults();
        await using var cluster = await SwitchyardCluster.StartAsync(faults, null, SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("broken", Spec(nameof(Failing)));
        var failed = Assert.Single((await cluster.BackendAsync("broken")).Replicas);
        Assert.Equal("failed", failed.State);

        // Reconciliation wants a replacement once the backoff has passed; it may not exist while the store refuses it.
        faults.Failing = true;
        var refused = faults.FailedWrites;
        await Eventually.TrueAsync(() => faults.FailedWrites >= refused + 2, "two more writes refused by the failing store", seconds: 30);

        Assert.Equal([failed.Tag], (await cluster.BackendAsync("broken")).Replicas.Select(r => r.Tag));
        Assert.Equal([failed.Tag], (await cluster.StoredStateAsync()).Backends["broken"].Replicas.Select(r => r.Tag));

        faults.Failing = false;
        var replaced = await cluster.WaitForAsync("broken", b => b.Replicas.Count == 1 && b.Replicas[0].Tag != failed.Tag);
        Assert.Contains(replaced.Replicas[0].Tag, (await cluster.StoredStateAsync()).Backends["broken"].Replicas.Select(r => r.Tag));
    }
}
