using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 9, point 2: the node holding the controller (and a replica) stops for 4 s (<c>kill -STOP</c>, as a long GC
/// pause or a stalled VM would), then resumes. Failure detection declares a silent node dead in about 2 s, so it is
/// declared dead; when it resumes it learns so and exits non-zero on its own, and a supervisor starts it again.
/// </summary>
[Collection(ClusterFaults.Name)]
public sealed class PausedNodeTests(RedisServer redis, ITestOutputHelper output)
{
    /// <summary>How long the node is stopped: longer than failure detection needs, as a long stall would be.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(4);

    /// <summary>A node still answering its peers this long after it resumed was not declared dead.</summary>
    private static readonly TimeSpan StillMemberAfter = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StopFourSeconds_ControllerNode_NoRequestLostOneControllerAndTheNodeServesAgainWithinTenSeconds()
    {
        await using var cluster = await TestCluster.StartAsync(redis);
        await cluster["n1"].DeployAsync("ha", "WhereAmI", config: """{"num_replicas":3}""");
        var victim = await cluster.ControllerAsync("n1");
        string[] survivors = [.. cluster.Ids.Where(id => id != victim)];
        var paused = cluster[victim];

        await using var load = TrafficLoad.Start("ha", cluster.Except(victim));
        await load.WaitForSuccessesAsync(200, "before the pause");
        var pausedAt = load.Now;
        var logged = paused.Output.Length;
        paused.Pause();
        await Task.Delay(Pause); // the fault itself: the node stays stopped this long
        paused.Resume();
        var resumedAt = load.Now;

        // Either it was declared dead meanwhile, finds out and exits on its own (a supervisor starts it again), or it
        // was not and stays a member. It has answered its peers again for a while when it is still alive then.
        await Api.EventuallyAsync(
            async () => paused.HasExited
                || (load.Now - resumedAt > StillMemberAfter
                    && TestCluster.AliveNodes(await cluster.StatusAsync(survivors[0])).Contains(victim)
                    && (await paused.Http.GetAsync("ha")).StatusCode == HttpStatusCode.OK),
            $"the paused node {victim} to exit, or to be alive and serving {StillMemberAfter.TotalSeconds:0} s after it resumed",
            seconds: 60);
        var exited = paused.HasExited;
        var settledAt = load.Now;
        if (exited)
        {
            Assert.NotEqual(0, paused.ExitCode);
            Assert.Contains("declared dead", paused.Output, StringComparison.OrdinalIgnoreCase);
        }

        // What the controller on the paused node may have done after it resumed: nothing (it was fenced).
        if (exited)
        {
            var afterResume = paused.Output[logged..];
            Assert.DoesNotContain("running on node", afterResume, StringComparison.Ordinal);
            Assert.DoesNotContain(": replica unreachable", afterResume, StringComparison.Ordinal);
        }

        // Exactly one controller, and the backend back at three running replicas (on the survivors when it exited).
        string[] hosts = exited ? survivors : [.. cluster.Ids];
        var adminErrors = new List<string>();
        var recoveredAt = await AdminWatch.UntilAsync(
            cluster[survivors[0]],
            () => load.Now,
            status => TestCluster.RunningOn(status, "ha").Count(hosts.Contains) >= 3,
            adminErrors,
            $"three running replicas of 'ha' on {string.Join(", ", hosts)}",
            seconds: 60);
        var controllers = new HashSet<string>();
        foreach (var survivor in survivors)
        {
            controllers.Add(await cluster.ControllerAsync(survivor));
        }

        Assert.True(controllers.Count == 1, $"survivors name different controllers: {string.Join(", ", controllers)}");

        // Started again by its supervisor when it exited: it serves within 10 s.
        var servedAfter = TimeSpan.Zero;
        if (exited)
        {
            var restart = Stopwatch.StartNew();
            var again = await cluster.StartNodeAsync(victim);
            await Api.EventuallyAsync(
                async () =>
                {
                    using var response = await again.Http.GetAsync("ha");
                    return response.StatusCode == HttpStatusCode.OK;
                },
                $"a request through the restarted {victim} answered 200",
                seconds: 30);
            servedAfter = restart.Elapsed;
        }

        await load.WaitForSuccessesAsync(200, "after the restart");
        var report = await load.StopAsync();

        var figures = $"kill -STOP {victim} (controller and a replica) for {Pause.TotalSeconds:0} s: {report.Describe(pausedAt)}; " +
            (exited ? $"declared dead; exited with {paused.ExitCode} by {(settledAt - resumedAt).TotalSeconds:0.00}s after resuming; " : "stayed a member; ") +
            $"three replicas running {(recoveredAt - pausedAt).TotalSeconds:0.00}s after the pause began" +
            (exited ? $"; the restarted node served after {servedAfter.TotalSeconds:0.00}s" : string.Empty);
        output.WriteLine(figures);
        Assert.True(report.Failures.Count == 0, figures);
        Assert.True(adminErrors.Count == 0, "admin calls answered errors:\n" + string.Join("\n", adminErrors));
        Assert.True(servedAfter <= TimeSpan.FromSeconds(10), figures);
    }
}
