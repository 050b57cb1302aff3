using System.Net;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 9, point 3: SIGTERM each node in turn while traffic flows through the others; each one goes not-ready
/// first, its replicas move (replacements elsewhere first), requests in flight finish, and it leaves; it is started
/// again and alive before the next one goes. Zero failed requests for the whole sequence.
/// </summary>
[Collection(ClusterFaults.Name)]
public sealed class RollingRestartTests(RedisServer redis, ITestOutputHelper output)
{
    [Fact]
    public async Task SigtermEachNodeInTurn_TrafficThroughTheOthers_ZeroFailedRequests()
    {
        await using var cluster = await TestCluster.StartAsync(redis);
        await cluster["n1"].DeployAsync("slow", "Slow", config: """{"num_replicas":3,"max_concurrent_queries":16}""");
        await cluster.WaitRoutedAsync("slow?ms=50");
        await using var load = TrafficLoad.Start("slow?ms=50", cluster.Except("n1"));
        await load.WaitForSuccessesAsync(100, "before the first restart");
        var steps = new List<string>();
        var started = load.Now;

        foreach (var id in cluster.Ids)
        {
            load.Through(cluster.Except(id));
            await load.WaitForSuccessesAsync(50, $"through the others before stopping {id}");
            var node = cluster[id];
            var other = cluster.Ids.First(i => i != id);
            var heldController = await cluster.ControllerAsync(other) == id;
            var stopAt = load.Now;

            // Admin calls to another node go on answering while this one leaves (and the controller moves off it).
            await using (var admin = new StatusTimeline(cluster[other], () => load.Now))
            {
                var readiness = WatchReadinessAsync(node);
                var exitCode = await node.TerminateAsync();
                var (sawStopping, readinessSeen) = await readiness;
                Assert.True(exitCode == 0, $"{id} exited with {exitCode} after SIGTERM:\n{Tail(node.Output)}");
                Assert.True(sawStopping, $"{id} never answered /-/healthz with 503 'stopping' before it exited (saw: {readinessSeen})");
                Assert.True(admin.Errors.Count == 0, $"admin calls to {other} while {id} left:\n{string.Join("\n", admin.Errors)}");
            }

            var stoppedAt = load.Now;
            Assert.Contains($"Node {id} leaves the cluster with 0 replicas left on it", node.Output, StringComparison.Ordinal);
            if (heldController)
            {
                Assert.Contains($"The controller on this node stands down: node '{id}' is leaving the cluster", node.Output, StringComparison.Ordinal);
            }

            await cluster.StartNodeAsync(id);
            await cluster.WaitAliveAsync(other, [.. cluster.Ids]);
            await Eventually.TrueAsync(
                async () => TestCluster.RunningOn(await cluster.StatusAsync(other), "slow").Count == 3,
                $"three running replicas of 'slow' after restarting {id}");
            steps.Add($"{id}{(heldController ? " (controller)" : string.Empty)}: stopped in {(stoppedAt - stopAt).TotalSeconds:0.00}s, back after {(load.Now - stoppedAt).TotalSeconds:0.00}s");
        }

        load.Through(cluster.Except());
        await load.WaitForSuccessesAsync(100, "through every node after the last restart");
        var report = await load.StopAsync();
        var figures = $"rolling restart (SIGTERM, restart, wait alive; n1, n2, n3) in {(load.Now - started).TotalSeconds:0.0}s: {report.Describe()}; {string.Join("; ", steps)}";
        output.WriteLine(figures);
        Assert.True(report.Failures.Count == 0, figures);
    }

    /// <summary>Polls the node's readiness until it stops answering; whether it said "stopping" first, and what it said.</summary>
    private static async Task<(bool SawStopping, string Seen)> WatchReadinessAsync(NodeProcess node)
    {
        using var http = new HttpClient { BaseAddress = node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var seen = new List<string>();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!node.HasExited && !bound.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("-/healthz");
                var said = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (seen.Count == 0 || seen[^1] != said)
                {
                    seen.Add(said);
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && said.Contains("stopping", StringComparison.Ordinal))
                {
                    return (true, string.Join(" -> ", seen));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                seen.Add("no answer");
                break;
            }

            await Task.Delay(20);
        }

        return (false, string.Join(" -> ", seen));
    }

    private static string Tail(string text) => text[^Math.Min(text.Length, 4000)..];
}
