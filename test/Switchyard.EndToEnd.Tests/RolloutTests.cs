using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Progressive rollouts with automatic rollback (CONTRACT section 11), with real traffic on a real node.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class RolloutTests(SharedNode shared, ITestOutputHelper output) : IClassFixture<SharedNode>
{
    private readonly NodeProcess _node = shared.Node;

    /// <summary>Endpoint <paramref name="name"/> on a healthy v1, and a second version with <paramref name="userConfig"/>.</summary>
    private async Task TwoVersionsAsync(string name, string userConfig)
    {
        await _node.DeployAsync(name, "Canary", config: """{"num_replicas": 2, "user_config": {"version": "v1"}}""");
        using var created = await _node.Admin.PostJsonAsync("api/backends", $$$"""{"name": "{{{name}}}_v2", "class": "Canary", "config": {"num_replicas": 2, "user_config": {{{userConfig}}}}}""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> RolloutAsync(string name) => await _node.Admin.GetJsonAsync($"api/endpoints/{name}/rollout");

    private async Task<JsonNode> StartAsync(string name, string body)
    {
        using var response = await _node.Admin.PostJsonAsync($"api/endpoints/{name}/rollout", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>Which version answers each of <paramref name="keys"/> shard keys.</summary>
    private async Task<Dictionary<string, string>> MappingAsync(string name, int keys)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < keys; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, name);
            request.Headers.Add("X-SERVE-SHARD-KEY", $"user-{i}");
            using var response = await _node.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            map[$"user-{i}"] = await response.Content.ReadAsStringAsync();
        }

        return map;
    }

    /// <summary>Polls the rollout until it ends, recording the target's highest weight on the way.</summary>
    private async Task<(JsonNode State, double HighestWeight, TimeSpan EndedAfter)> UntilEndedAsync(string name, string to, Stopwatch clock, int seconds = 60)
    {
        JsonNode state = null!;
        var highest = 0.0;
        await Eventually.TrueAsync(async () =>
        {
            state = await RolloutAsync(name);
            highest = Math.Max(highest, state["weights"]![to]?.GetValue<double>() ?? 0);
            return state["state"]!.GetValue<string>() != "running";
        }, $"the rollout of {name} ending", seconds);
        return (state, highest, clock.Elapsed);
    }

    [Fact]
    public async Task Rollout_HealthyVersion_ReachesAllTrafficInStepsTimesIntervalWithNoFailures()
    {
        await TwoVersionsAsync("healthy", """{"version": "v2"}""");
        await using var load = new LoadClients(_node.Http, "healthy");
        await load.SetAsync(4);

        var clock = Stopwatch.StartNew();
        var started = await StartAsync("healthy", """
            {"to": "healthy_v2", "steps": [0.2, 0.5, 1.0], "step_interval_s": 2,
             "analysis": {"min_requests": 10, "max_error_rate": 0.05, "max_p99_latency_ms": 1000}}
            """);
        Assert.Equal(("running", 0, 0.2), (started["state"]!.GetValue<string>(), started["step"]!.GetValue<int>(), started["weights"]!["healthy_v2"]!.GetValue<double>()));

        var allTrafficAfter = TimeSpan.Zero;
        await Eventually.TrueAsync(async () =>
        {
            var state = await RolloutAsync("healthy");
            allTrafficAfter = clock.Elapsed;
            return state["weights"]!["healthy_v2"]?.GetValue<double>() == 1.0;
        }, "all traffic on the new version", seconds: 60);
        Assert.True(allTrafficAfter <= TimeSpan.FromSeconds((3 * 2) + 2), $"100% after {allTrafficAfter.TotalSeconds:0.0} s; bound steps × step_interval_s + one interval = 8 s");

        var (ended, _, _) = await UntilEndedAsync("healthy", "healthy_v2", clock);
        Assert.Equal(("succeeded", 2), (ended["state"]!.GetValue<string>(), ended["step"]!.GetValue<int>()));
        Assert.True(ended["observed"]!["requests"]!.GetValue<long>() >= 10);
        Assert.Equal(0, ended["observed"]!["error_rate"]!.GetValue<double>());
        var endpoints = await _node.Admin.GetJsonAsync("api/endpoints");
        Assert.Equal(["healthy_v2"], endpoints["healthy"]!["traffic"]!.AsObject().Select(t => t.Key));

        var sinceEnd = load.Now;
        await Eventually.TrueAsync(() => Task.FromResult(load.Answers.Any(a => a.At > sinceEnd)), "answers after the rollout");
        await load.SetAsync(0);
        Assert.Empty(load.FailuresSince(0));
        Assert.True(load.Answers.Where(a => a.At > sinceEnd).All(a => a.Body == "v2"), "v1 still answered after the rollout");
    }

    [Fact]
    public async Task Rollout_VersionFailingOneInFive_RolledBackWithinOneIntervalAtItsFirstWeightOldMappingExact()
    {
        await TwoVersionsAsync("failing", """{"version": "v2", "fail_every": 5}""");
        var before = await MappingAsync("failing", 200);
        await using var load = new LoadClients(_node.Http, "failing");
        await load.SetAsync(8);

        var clock = Stopwatch.StartNew();
        var from = load.Now;
        await StartAsync("failing", """
            {"to": "failing_v2", "steps": [0.1, 0.5, 1.0], "step_interval_s": 5,
             "analysis": {"min_requests": 20, "max_error_rate": 0.05}}
            """);
        var (ended, highest, endedAfter) = await UntilEndedAsync("failing", "failing_v2", clock);
        var to = load.Now;

        Assert.Equal("rolled_back", ended["state"]!.GetValue<string>());
        Assert.True(endedAfter <= TimeSpan.FromSeconds(5), $"rolled back after {endedAfter.TotalSeconds:0.0} s, more than one step_interval_s");
        Assert.Equal(0, ended["step"]!.GetValue<int>());
        Assert.True(highest <= 0.1 + 1e-9, $"the failing version got {highest} of the traffic");
        Assert.StartsWith("error rate ", ended["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(ended["observed"]!["error_rate"]!.GetValue<double>() > 0.05);
        Assert.Equal(["failing"], ended["weights"]!.AsObject().Select(w => w.Key));

        // Clients saw less than the step's weight times the version's failure rate.
        var during = load.Answers.Where(a => a.At >= from && a.At <= to).ToList();
        var failed = during.Count(a => a.Status != HttpStatusCode.OK);
        Assert.True(during.Count >= 50, $"only {during.Count} requests during the rollout");
        output.WriteLine($"{failed} of {during.Count} requests failed during the rollout ({(double)failed / during.Count:P2}); bound {0.1 * 0.2:P0}");
        Assert.True((double)failed / during.Count < 0.1 * 0.2, $"{failed} of {during.Count} requests failed during the rollout");

        // The node stopped the step itself, before the controller's rollback reached it.
        Assert.Contains("rollout target failing_v2 answered on this node failed", _node.Output, StringComparison.Ordinal);

        await load.SetAsync(0);
        Assert.Equal(before, await MappingAsync("failing", 200));
    }

    [Fact]
    public async Task Rollout_SlowVersion_RolledBackOnP99WithinOneInterval()
    {
        await TwoVersionsAsync("slow", """{"version": "v2", "delay_ms": 300}""");
        await using var load = new LoadClients(_node.Http, "slow");
        await load.SetAsync(8);

        var clock = Stopwatch.StartNew();
        await StartAsync("slow", """
            {"to": "slow_v2", "steps": [0.25, 1.0], "step_interval_s": 5,
             "analysis": {"min_requests": 10, "max_p99_latency_ms": 150}}
            """);
        var (ended, highest, endedAfter) = await UntilEndedAsync("slow", "slow_v2", clock);

        Assert.Equal("rolled_back", ended["state"]!.GetValue<string>());
        Assert.True(endedAfter <= TimeSpan.FromSeconds(5), $"rolled back after {endedAfter.TotalSeconds:0.0} s, more than one step_interval_s");
        Assert.True(highest <= 0.25 + 1e-9, $"the slow version got {highest} of the traffic");
        Assert.StartsWith("p99 latency ", ended["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(ended["observed"]!["p99_latency_ms"]!.GetValue<double>() > 150);
        await load.SetAsync(0);
        Assert.Empty(load.FailuresSince(0));
    }

    [Fact]
    public async Task Rollout_ByHand_TrafficChangeRefusedPromoteAndAbortAnswerAsTheContractSays()
    {
        await TwoVersionsAsync("manual", """{"version": "v2"}""");
        using (var none = await _node.Admin.GetAsync("api/endpoints/manual/rollout"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        using (var bad = await _node.Admin.PostJsonAsync("api/endpoints/manual/rollout", """{"to": "manual_v2", "steps": [0.5, 0.4], "step_interval_s": 0}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(3, (await bad.JsonAsync())["errors"]!.AsArray().Count);
        }

        using (var missing = await _node.Admin.PostJsonAsync("api/endpoints/manual/rollout", """{"to": "ghost", "steps": [1], "step_interval_s": 1}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        const string Long = """{"to": "manual_v2", "steps": [0.3, 1.0], "step_interval_s": 3600}""";
        await StartAsync("manual", Long);
        await Eventually.TrueAsync(async () => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_rollout_step", "endpoint=manual") == 0, "switchyard_rollout_step at the first step");
        using (var again = await _node.Admin.PostJsonAsync("api/endpoints/manual/rollout", Long))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var traffic = await _node.Admin.PutJsonAsync("api/endpoints/manual/traffic", """{"manual": 1.0}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, traffic.StatusCode);
        }

        using (var abort = await _node.Admin.DeleteAsync("api/endpoints/manual/rollout"))
        {
            Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
            var body = await abort.JsonAsync();
            Assert.Equal("aborted", body["state"]!.GetValue<string>());
            Assert.Equal(["manual"], body["weights"]!.AsObject().Select(w => w.Key));
        }

        await Eventually.TrueAsync(async () => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_rollout_step", "endpoint=manual") == -1, "switchyard_rollout_step -1 once the rollout ended");
        using (var notRunning = await _node.Admin.PostAsync("api/endpoints/manual/rollout/promote", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, notRunning.StatusCode);
        }

        await StartAsync("manual", Long);
        using (var promote = await _node.Admin.PostAsync("api/endpoints/manual/rollout/promote", null))
        {
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
            var body = await promote.JsonAsync();
            Assert.Equal(("succeeded", 1), (body["state"]!.GetValue<string>(), body["step"]!.GetValue<int>()));
        }

        using var answer = await _node.Http.GetAsync("manual");
        Assert.Equal("v2", await answer.Content.ReadAsStringAsync());
    }
}
