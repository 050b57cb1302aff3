using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 9, point 4: Redis stopped for 10 s while three nodes serve steady traffic. Requests are served from the
/// last routing table; changes answer 503 naming the store and change nothing; reads answer; status and log say the
/// store is unreachable; once it is back everything resumes without a restart.
/// </summary>
[Collection(ClusterFaults.Name)]
public sealed class StoreOutageUnderLoadTests(RedisServer redis, ITestOutputHelper output)
{
    /// <summary>How long Redis stays stopped (the fault itself).</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RedisStoppedTenSeconds_UnderLoad_ZeroFailuresChangesRefusedReadsAnswerAndAllResumes()
    {
        await using var cluster = await TestCluster.StartAsync(redis);
        await cluster["n1"].DeployAsync("ha", "WhereAmI", config: """{"num_replicas":3}""");
        await cluster.WaitRoutedAsync("ha");
        await using var load = TrafficLoad.Start("ha", cluster.Except());
        await load.WaitForSuccessesAsync(200, "before the outage");
        var before = await cluster["n2"].Admin.GetStringAsync("api/backends");

        var stoppedAt = load.Now;
        await redis.StopAsync();
        var refused = 0;
        var problems = new List<string>();
        JsonNode? statusDuring = null;
        try
        {
            while (load.Now - stoppedAt < Outage)
            {
                using (var change = await cluster["n3"].Admin.PostJsonAsync("api/backends", """{"name":"during","class":"Echo"}"""))
                {
                    var body = await change.Content.ReadAsStringAsync();
                    if (change.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("the controller's store is unreachable", StringComparison.Ordinal))
                    {
                        refused++;
                    }
                    else
                    {
                        problems.Add($"change: {(int)change.StatusCode} {body}");
                    }
                }

                using (var read = await cluster["n2"].Admin.GetAsync("api/backends"))
                {
                    var body = await read.Content.ReadAsStringAsync();
                    if (read.StatusCode != HttpStatusCode.OK || body != before)
                    {
                        problems.Add($"read: {(int)read.StatusCode} {body}");
                    }
                }

                statusDuring = await cluster["n1"].Admin.GetJsonAsync("api/status");
            }
        }
        finally
        {
            await redis.StartAsync();
        }

        var restartedAt = load.Now;
        await Eventually.TrueAsync(
            async () =>
            {
                using var after = await cluster["n3"].Admin.PostJsonAsync("api/backends", """{"name":"after","class":"Echo"}""");
                return after.StatusCode == HttpStatusCode.Created;
            },
            "a change accepted once Redis is back",
            seconds: 60);
        var resumedAt = load.Now;
        await Eventually.TrueAsync(
            async () => (await cluster["n1"].Admin.GetJsonAsync("api/status"))["store"]!["reachable"]!.GetValue<bool>(),
            "/api/status to say the store is reachable again");
        var reportedAt = load.Now;
        await load.WaitForSuccessesAsync(200, "after the outage");
        var report = await load.StopAsync();

        var figures = $"Redis stopped {Outage.TotalSeconds:0} s under load: {report.Describe(stoppedAt)}; {refused} changes refused with 503 meanwhile; " +
            $"changes accepted again {(resumedAt - restartedAt).TotalSeconds:0.00}s and status reachable {(reportedAt - restartedAt).TotalSeconds:0.00}s after Redis was back";
        output.WriteLine(figures);
        Assert.True(report.Failures.Count == 0, figures);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        Assert.True(refused > 0, "no change was tried during the outage");
        Assert.False(statusDuring!["store"]!["reachable"]!.GetValue<bool>(), statusDuring.ToJsonString());
        Assert.Contains($"Redis at 127.0.0.1:{redis.Port}", statusDuring["store"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var backends = (await cluster["n2"].Admin.GetJsonAsync("api/backends")).AsObject().Select(b => b.Key).Order();
        Assert.Equal(["after", "ha"], backends);
        foreach (var id in cluster.Ids)
        {
            Assert.Contains($"The cluster store (Redis at 127.0.0.1:{redis.Port}) is unreachable", cluster[id].Output, StringComparison.Ordinal);
            Assert.Contains($"The cluster store (Redis at 127.0.0.1:{redis.Port}) is reachable again", cluster[id].Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_RedisUnreachable_ExitsNonZeroNamingIt()
    {
        var closed = NodePorts.Free();
        var ports = NodePorts.Free();
        var (exitCode, _, stderr) = await NodeProcess.RunCliAsync(
            "start", "--cluster", $"redis://127.0.0.1:{closed.Http}/nowhere", "--node-id", "lonely",
            "--http-port", ports.Http.ToString(), "--admin-port", ports.Admin.ToString(),
            "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString());
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"cannot reach the cluster store: Redis at 127.0.0.1:{closed.Http}", stderr, StringComparison.Ordinal);
    }
}
