using System.Net;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>Issue 9, point 1: <c>kill -9</c> of one node of three while clients send steady traffic through the others.</summary>
[Collection(ClusterFaults.Name)]
public sealed class NodeLossTests(RedisServer redis, ITestOutputHelper output)
{
    [Fact]
    public Task KillNine_NodeHoldingReplicas_TrafficServedAndReplicasBackOnSurvivors() => KillOneAsync(controllerNode: false);

    [Fact]
    public Task KillNine_NodeHoldingTheController_TrafficServedAdminWaitsAndReplicasBack() => KillOneAsync(controllerNode: true);

    private async Task KillOneAsync(bool controllerNode)
    {
        await using var cluster = await TestCluster.StartAsync(redis);
        await cluster["n1"].DeployAsync("ha", "WhereAmI", config: """{"num_replicas":3,"user_config":{"kept":true}}""");
        await cluster.WaitRoutedAsync("ha");
        Assert.Equal(["n1", "n2", "n3"], TestCluster.RunningOn(await cluster.StatusAsync("n1"), "ha").Order());
        var holder = await cluster.ControllerAsync("n1");
        var victim = controllerNode ? holder : cluster.Ids.First(id => id != holder);
        string[] survivors = [.. cluster.Ids.Where(id => id != victim)];

        await using var load = TrafficLoad.Start("ha", cluster.Except(victim));
        await load.WaitForSuccessesAsync(200, "before the kill");
        var killedAt = load.Now;
        await cluster[victim].KillAsync();

        // A change asked of a survivor right after the kill waits while the controller moves instead of failing.
        var change = Task.Run(async () =>
        {
            using var response = await cluster[survivors[1]].Admin.PostJsonAsync("api/endpoints", """{"name":"probe","backend":"ha"}""");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), At: load.Now);
        });
        var adminErrors = new List<string>();
        var replacedAt = await AdminWatch.UntilAsync(
            cluster[survivors[0]],
            () => load.Now,
            status => TestCluster.RunningOn(status, "ha").Count(survivors.Contains) >= 3,
            adminErrors,
            $"three running replicas of 'ha' on {string.Join(" and ", survivors)} after the kill of {victim}",
            seconds: 60);
        var (changeStatus, changeBody, changedAt) = await change;
        var kept = (await cluster[survivors[0]].Admin.GetJsonAsync("api/backends/ha"))["config"]!["user_config"]!["kept"]!.GetValue<bool>();
        await load.WaitForSuccessesAsync(200, "after the replacement");
        var report = await load.StopAsync();

        var figures = $"kill -9 {victim} ({(controllerNode ? "controller and a replica" : "a replica")}): {report.Describe(killedAt)}; " +
            $"replicas back after {(replacedAt - killedAt).TotalSeconds:0.00}s; admin change answered {(int)changeStatus} after {(changedAt - killedAt).TotalSeconds:0.00}s";
        output.WriteLine(figures);
        Assert.True(kept, "the backend's config after the controller moved");
        if (controllerNode)
        {
            var moved = await cluster.ControllerAsync(survivors[0]);
            Assert.Contains(moved, survivors);
            Assert.Contains($"Controller active on node {moved}", cluster[moved].Output, StringComparison.Ordinal);
        }

        Assert.True(changeStatus == HttpStatusCode.Created, $"the admin change made after the kill: {(int)changeStatus} {changeBody}");
        Assert.True(adminErrors.Count == 0, "admin calls answered errors while the controller moved:\n" + string.Join("\n", adminErrors));
        Assert.True(report.SuccessRate >= 0.999, figures);
        Assert.True(report.LastFailureAfter(killedAt) <= TimeSpan.FromSeconds(5), figures);
        Assert.True(replacedAt - killedAt <= TimeSpan.FromSeconds(5), figures);
        Assert.True(changedAt - killedAt <= TimeSpan.FromSeconds(5), figures);
    }
}
