using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>
/// A node dies while it runs a request (real Orleans failures, in-process cluster): a GET is retried on the
/// survivor, a POST is not (it may have run), and the caller's answer names no silo.
/// </summary>
public sealed class NodeLossRetryClusterTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Invoke_NodeLostMidCall_RetriedOnlyWhenSafe(string method)
    {
        var folder = Directory.CreateTempSubdirectory("switchyard-journal-").FullName;
        var journal = Path.Combine(folder, "journal.log");
        await using var cluster = await SwitchyardCluster.StartAsync(
            2,
            silo => silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
            }),
            SwitchyardCluster.Node("a"),
            SwitchyardCluster.Node("b"));
        var client = cluster.ClientOn(0);
        var initArgs = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["journal"] = journal });
        await client.CreateBackendAsync("held", new BackendSpec { Class = nameof(Journaled), InitArgs = initArgs, Config = new BackendConfig { NumReplicas = 2, MaxConcurrentQueries = 1 } });
        await client.CreateEndpointAsync("held", "held", route: "/held", methods: ["GET", "POST"]);
        var replicas = (await cluster.BackendAsync("held")).Replicas;
        Assert.Equal(["a", "b"], replicas.Select(r => r.Node).Order());

        // Lose the node without the controller: what happens on the data path is the subject, not the controller's move.
        var controllerNode = (await cluster.Controller.GetStatusAsync(CancellationToken.None)).ControllerNode;
        var (survivor, lost) = controllerNode == "b" ? (1, 0) : (0, 1);
        var doomed = replicas.Single(r => r.Node == (lost == 0 ? "a" : "b")).Tag;
        var router = cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[survivor].SiloAddress).GetRequiredService<Router>();
        await cluster.WaitForRouterAsync(survivor, client);
        var endpoint = router.Snapshot.ByName["held"];

        // One slot per replica: two slow calls take both, one of them on the node about to die.
        var calls = Enumerable.Range(0, 2)
            .Select(_ => router.InvokeAsync(endpoint, new ReplicaRequest { Method = method, Path = "/held", QueryString = "?ms=3000", Body = [] }, CancellationToken.None).AsTask())
            .ToList();
        await Eventually.TrueAsync(() => Lines(journal).Count(l => l.StartsWith("call ", StringComparison.Ordinal)) == 2, "both replicas to be running a call");
        Assert.Contains($"call {doomed}", Lines(journal));

        var lostSilo = cluster.Cluster.Silos[lost];
        await cluster.Cluster.KillSiloAsync(lostSilo);
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        var survivorCalls = Lines(journal).Count(l => l.StartsWith("call ", StringComparison.Ordinal) && !l.EndsWith(doomed, StringComparison.Ordinal));
        if (method == "GET")
        {
            Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
            Assert.Equal(2, survivorCalls); // the lost one ran again on the survivor
        }
        else
        {
            Assert.Equal([200, 503], responses.Select(r => r.StatusCode).Order());
            var refused = responses.Single(r => r.StatusCode == 503);
            Assert.Contains("was not retried because it may have run", refused.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(lostSilo.SiloAddress.ToString(), refused.Detail, StringComparison.Ordinal);
            Assert.Equal(1, survivorCalls);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string[] Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
