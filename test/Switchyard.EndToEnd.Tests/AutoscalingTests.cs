using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Autoscaling on ongoing requests (CONTRACT section 10), measured with real load on a real node.</summary>
[Collection(MeasuredCollection.Name)]
public sealed class AutoscalingTests(SharedNode shared, ITestOutputHelper output) : IClassFixture<SharedNode>
{
    private readonly NodeProcess _node = shared.Node;

    private const string Fast = """
        "autoscaling_config": {"min_replicas": 1, "max_replicas": 8, "target_ongoing_requests": 4, "metrics_interval_s": 0.25,
                               "look_back_period_s": 1, "upscale_delay_s": 1, "downscale_delay_s": 4}
        """;

    private async Task<JsonNode> BackendAsync(string name) => await _node.Admin.GetJsonAsync($"api/backends/{name}");

    private async Task<(int Target, double Ongoing, int Running)> ScaleAsync(string name)
    {
        var backend = await BackendAsync(name);
        var autoscaling = backend["autoscaling"]!;
        var running = backend["replicas"]!.AsArray().Count(r => r!["state"]!.GetValue<string>() == "running");
        return (autoscaling["target_replicas"]!.GetValue<int>(), autoscaling["ongoing_requests"]!.GetValue<double>(), running);
    }

    [Fact]
    public async Task Autoscaling_OneThenSixteenClientsThenOne_ScalesUpInTimeBackAfterTheDelayNoFailures()
    {
        var clock = Stopwatch.StartNew();
        await _node.DeployAsync("steps", "Canary", config: $$"""{"user_config": {"delay_ms": 50}, {{Fast}}}""");
        await using var load = new LoadClients(_node.Http, "steps");

        await load.SetAsync(1);
        await Eventually.TrueAsync(async () => (await ScaleAsync("steps")).Ongoing > 0.3, "one client's requests seen as ongoing");
        Assert.Equal(1, (await ScaleAsync("steps")).Target);

        await load.SetAsync(16);
        var stepAt = clock.Elapsed;
        TimeSpan? decidedAt = null;
        var samples = new List<(TimeSpan At, int Target, int Running, double Ongoing)>();
        await Eventually.TrueAsync(async () =>
        {
            var (target, ongoing, running) = await ScaleAsync("steps");
            samples.Add((clock.Elapsed - stepAt, target, running, ongoing));
            decidedAt ??= target >= 3 ? clock.Elapsed - stepAt : null;
            return target >= 3 && running == target;
        }, "the count 16 clients call for, every replica running", seconds: 60);
        var ramp = string.Join(" ", samples.Select(p => $"{p.At.TotalSeconds:0.00}:{p.Target}/{p.Running}/{p.Ongoing:0.#}"));

        // 16 clients call for 16 / target_ongoing_requests = 4 replicas; the node sees 12 to 16 of their requests as
        // ongoing (the rest of each cycle is spent in the client and in HTTP), which calls for 3 or 4 once the
        // look-back average passes 8. Two bounds: the node sees that load within 3 s of the step, and the autoscaler
        // asks for 3 or more within upscale_delay_s + 3 s of the average staying past 8. The second counts from when
        // the load was there, not from when the clients were asked for it: on a busy machine the clients' own load
        // can stall for a second (seen once: 10.6 ongoing, then 1.8), and then no autoscaler should scale up yet.
        // Then however long the replicas take to start (measured, not assumed).
        var reached = clock.Elapsed - stepAt;
        var startTime = reached - decidedAt!.Value;
        var seenAt = samples.FirstOrDefault(p => p.Ongoing > 8).At;
        Assert.True(samples.Any(p => p.Ongoing > 8) && seenAt <= TimeSpan.FromSeconds(3), $"the node did not see the 16 clients' load (past 8 ongoing) within 3 s of the step: {ramp}");
        var decidedIndex = samples.FindIndex(p => p.Target >= 3);
        var sustainedIndex = decidedIndex;
        while (sustainedIndex > 0 && samples[sustainedIndex - 1].Ongoing > 8)
        {
            sustainedIndex--;
        }

        var sustainedAt = samples[sustainedIndex].Ongoing > 8 || sustainedIndex < decidedIndex ? samples[sustainedIndex].At : seenAt;
        Assert.True(decidedAt - sustainedAt <= TimeSpan.FromSeconds(1 + 3), $"the autoscaler asked for 3 or more replicas {decidedAt.Value.TotalSeconds:0.00} s after the step, {(decidedAt - sustainedAt).Value.TotalSeconds:0.00} s after the load stayed past 8 ongoing; bound upscale_delay_s + 3 s: {ramp}");
        output.WriteLine($"decided after {decidedAt.Value.TotalSeconds:0.00} s, running after {reached.TotalSeconds:0.00} s: {ramp}");
        var (upTarget, upOngoing, _) = await ScaleAsync("steps");
        var implied = (int)Math.Ceiling((upOngoing / 4) - 1e-9);
        Assert.InRange(upTarget, implied - 1, implied + 1);
        await Eventually.TrueAsync(
            async () => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_autoscaling_target_replicas", "backend=steps") == (await ScaleAsync("steps")).Target,
            "switchyard_autoscaling_target_replicas following the target");

        // Constant load: the count does not move more than once per downscale_delay_s.
        var trace = new List<(TimeSpan At, int Target, double Ongoing)>();
        async Task<(int Target, double Ongoing)> TraceAsync()
        {
            var (target, ongoing, _) = await ScaleAsync("steps");
            trace.Add((clock.Elapsed, target, ongoing));
            return (target, ongoing);
        }

        var holdUntil = clock.Elapsed + TimeSpan.FromSeconds(4);
        while (clock.Elapsed < holdUntil)
        {
            await TraceAsync();
            await Task.Delay(100);
        }

        var seen = trace.Average(t => t.Ongoing);
        Assert.True(seen >= 8, $"only {seen:0.#} of 16 clients' requests seen as ongoing on average");
        var targets = trace.Select(t => t.Target).ToList();
        Assert.True(targets.Zip(targets.Skip(1)).Count(p => p.First != p.Second) <= 1, $"the count moved more than once under constant load: {string.Join(",", targets)}");

        // One client again: one replica once the load has asked for it for downscale_delay_s (the highest count asked
        // for during the delay wins, so a load hovering at a boundary may first cost one replica, never more).
        var dropAt = clock.Elapsed;
        await load.SetAsync(1);
        await Eventually.TrueAsync(async () => (await TraceAsync()).Target == 1, "back to one replica for one client", seconds: 60);
        var downAt = trace.First(t => t.At > dropAt && t.Target == 1).At;
        var lines = string.Join(" ", trace.Select(t => $"{t.At.TotalSeconds:0.0}:{t.Target}/{t.Ongoing:0.#}"));
        output.WriteLine($"start {startTime.TotalSeconds:0.00} s, up after {reached.TotalSeconds:0.00} s to {upTarget} (ongoing {upOngoing}); trace {lines}");
        Assert.True(downAt - dropAt >= TimeSpan.FromSeconds(4), $"down to one replica {(downAt - dropAt).TotalSeconds:0.0} s after the clients left, before downscale_delay_s: {lines}");
        Assert.True(downAt - dropAt <= TimeSpan.FromSeconds((2 * 4) + 1 + 3), $"down to one replica only {(downAt - dropAt).TotalSeconds:0.0} s after the clients left: {lines}");
        await Eventually.TrueAsync(async () => (await BackendAsync("steps"))["replicas"]!.AsArray().Count == 1, "the drained replicas gone");
        await Eventually.TrueAsync(async () => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_autoscaling_target_replicas", "backend=steps") == 1, "switchyard_autoscaling_target_replicas back at 1");

        await load.SetAsync(0);
        var failures = load.FailuresSince(0);
        Assert.True(failures.Count == 0, $"{failures.Count} of {load.Answers.Count} requests failed, e.g. {failures.FirstOrDefault()}\n{_node.Output[^Math.Min(4000, _node.Output.Length)..]}");
        Assert.True(load.Answers.Count > 200, $"only {load.Answers.Count} requests answered");
    }

    [Fact]
    public async Task Autoscaling_MinZero_RequestWaitsForAReplicaThenIdleDropsToZero()
    {
        await _node.DeployAsync("cold", "Canary", config: """
            {"request_timeout_s": 60, "autoscaling_config": {"min_replicas": 0, "max_replicas": 2, "metrics_interval_s": 0.25,
             "look_back_period_s": 1, "upscale_delay_s": 1, "downscale_delay_s": 2}}
            """);
        Assert.Empty(await _node.ReplicasAsync("cold"));

        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await _node.Http.GetAsync("cold");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("cold", await response.Content.ReadAsStringAsync());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"round {round}: the first request waited {clock.Elapsed.TotalSeconds:0.0} s for a replica");
            Assert.Equal(1, (await ScaleAsync("cold")).Target);

            await Eventually.TrueAsync(async () => (await _node.ReplicasAsync("cold")).Count == 0, $"round {round}: idle backend back to zero replicas", seconds: 30);
            Assert.Equal(0, (await ScaleAsync("cold")).Target);
        }
    }

    [Fact]
    public async Task Autoscaling_MinZeroAndNoQueue_RefusedAtOnce()
    {
        await _node.DeployAsync("noqueue", "Canary", config: """{"max_queued_requests": 0, "autoscaling_config": {"min_replicas": 0, "max_replicas": 1}}""");

        using var response = await _node.Http.GetAsync("noqueue");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Autoscaling_NumReplicasTooOrNull_BadRequestNamingBothThenFixedCountAgain()
    {
        using (var both = await _node.Admin.PostJsonAsync("api/backends", """{"name": "both", "class": "Canary", "config": {"num_replicas": 2, "autoscaling_config": {"max_replicas": 3}}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
            var detail = (await both.JsonAsync())["detail"]!.GetValue<string>();
            Assert.Contains("num_replicas", detail, StringComparison.Ordinal);
            Assert.Contains("autoscaling_config", detail, StringComparison.Ordinal);
        }

        await _node.DeployAsync("owner", "Canary", config: """{"num_replicas": 2, "autoscaling_config": null}""");
        using (var patch = await _node.Admin.PatchJsonAsync("api/backends/owner/config", """{"autoscaling_config": {"min_replicas": 1, "max_replicas": 3, "downscale_delay_s": 600}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var body = await patch.JsonAsync();
            Assert.Equal(2, body["autoscaling"]!["target_replicas"]!.GetValue<int>()); // it keeps the count it had
        }

        using (var count = await _node.Admin.PatchJsonAsync("api/backends/owner/config", """{"num_replicas": 3}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, count.StatusCode);
        }

        using (var off = await _node.Admin.PatchJsonAsync("api/backends/owner/config", """{"autoscaling_config": null, "num_replicas": 3}"""))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            var body = await off.JsonAsync();
            Assert.Null(body["autoscaling"]);
            Assert.Equal(3, body["replicas"]!.AsArray().Count(r => r!["state"]!.GetValue<string>() == "running"));
        }
    }
}
