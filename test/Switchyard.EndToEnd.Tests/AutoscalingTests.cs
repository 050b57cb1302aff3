using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Autoscaling on ongoing requests (CONTRACT section 10), measured with real load on a real node.</summary>
public sealed class AutoscalingTests(SharedNode shared, ITestOutputHelper output) : IClassFixture<SharedNode>
{
    private readonly NodeProcess _node = shared.Node;

    private const string Fast = """
        "autoscaling_config": {"min_replicas": 1, "max_replicas": 10, "target_ongoing_requests": 2, "metrics_interval_s": 0.25,
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
        var startTime = clock.Elapsed; // what creating one replica took, end to end
        await using var load = new LoadClients(_node.Http, "steps");

        await load.SetAsync(1);
        await Api.EventuallyAsync(async () => (await ScaleAsync("steps")).Ongoing > 0.3, "one client's requests seen as ongoing");
        Assert.Equal(1, (await ScaleAsync("steps")).Target);

        await load.SetAsync(16);
        var stepAt = clock.Elapsed;
        var bound = TimeSpan.FromSeconds(1) + startTime + TimeSpan.FromSeconds(2);
        var reached = TimeSpan.Zero;
        await Api.EventuallyAsync(async () =>
        {
            var (target, ongoing, running) = await ScaleAsync("steps");
            reached = clock.Elapsed - stepAt;
            return target >= 7 && running == target;
        }, "the count 16 clients call for (ongoing / target_ongoing_requests), every replica running", seconds: 60);
        Assert.True(reached <= bound, $"reached the implied count after {reached.TotalSeconds:0.0} s; bound upscale_delay_s + start time ({startTime.TotalSeconds:0.0} s) + 2 s");
        var (upTarget, upOngoing, _) = await ScaleAsync("steps");
        var implied = (int)Math.Ceiling((upOngoing / 2) - 1e-9);
        Assert.InRange(upTarget, implied - 1, implied + 1);

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

        var targets = trace.Select(t => t.Target).ToList();
        Assert.True(targets.Zip(targets.Skip(1)).Count(p => p.First != p.Second) <= 1, $"the count moved more than once under constant load: {string.Join(",", targets)}");

        // One client again: fewer replicas once the load has asked for fewer for downscale_delay_s without a break
        // (a load hovering at a boundary may have started asking before the clients left).
        var held = trace[^1].Target;
        var dropAt = clock.Elapsed;
        await load.SetAsync(1);
        await Api.EventuallyAsync(async () => (await TraceAsync()).Target == 1, "back to one replica for one client", seconds: 60);
        var downAt = trace.First(t => t.At > dropAt && t.Target < held).At;
        var lastAsked = trace.Where(t => t.At < downAt && Math.Ceiling((t.Ongoing / 2) - 1e-9) >= held).Select(t => t.At).DefaultIfEmpty(dropAt).Max();
        var lines = string.Join(" ", trace.Select(t => $"{t.At.TotalSeconds:0.0}:{t.Target}/{t.Ongoing:0.#}"));
        output.WriteLine($"start {startTime.TotalSeconds:0.00} s, up after {reached.TotalSeconds:0.00} s to {upTarget} (ongoing {upOngoing}); trace {lines}");
        Assert.True(downAt - lastAsked >= TimeSpan.FromSeconds(4 - 0.5), $"scaled down {(downAt - lastAsked).TotalSeconds:0.0} s after the load last asked for {held} replicas, before downscale_delay_s: {lines}");
        Assert.True(downAt - dropAt <= TimeSpan.FromSeconds(4 + 1 + 3), $"scaled down {(downAt - dropAt).TotalSeconds:0.0} s after the clients left: {lines}");
        await Api.EventuallyAsync(async () => (await BackendAsync("steps"))["replicas"]!.AsArray().Count == 1, "the drained replicas gone");

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

            await Api.EventuallyAsync(async () => (await _node.ReplicasAsync("cold")).Count == 0, $"round {round}: idle backend back to zero replicas", seconds: 30);
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
