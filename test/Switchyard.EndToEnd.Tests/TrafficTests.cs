using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Traffic splitting, rollouts, shadows and session affinity (CONTRACT section 8) against real nodes.</summary>
public sealed class TrafficTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    private async Task CreateVersionsAsync(string endpoint, params string[] versions)
    {
        foreach (var version in versions)
        {
            using var created = await Node.Admin.PostJsonAsync("api/backends", $$$"""{"name":"{{{version}}}","class":"Named","init_args":{"name":"{{{version}}}"}}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var endpointCreated = await Node.Admin.PostJsonAsync("api/endpoints", $$"""{"name":"{{endpoint}}","backend":"{{versions[0]}}","route":"/{{endpoint}}"}""");
        Assert.Equal(HttpStatusCode.Created, endpointCreated.StatusCode);
    }

    private async Task SetTrafficAsync(string endpoint, string traffic)
    {
        using var response = await Node.Admin.PutJsonAsync($"api/endpoints/{endpoint}/traffic", traffic);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, int>> CountAsync(string endpoint, int requests, Func<int, string?>? shardKey = null)
    {
        var counts = new Dictionary<string, int>();
        var next = -1;
        var workers = Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
                if (shardKey?.Invoke(i) is { } key)
                {
                    request.Headers.Add("X-SERVE-SHARD-KEY", key);
                }

                using var response = await Node.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, body);
                lock (counts)
                {
                    counts[body] = counts.GetValueOrDefault(body) + 1;
                }
            }
        });
        await Task.WhenAll(workers);
        return counts;
    }

    private static async Task<Dictionary<string, string>> MapKeysAsync(NodeProcess node, string endpoint, int keys)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < keys; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            request.Headers.Add("X-SERVE-SHARD-KEY", $"session-{i}");
            using var response = await node.Http.SendAsync(request);
            map[$"session-{i}"] = await response.Content.ReadAsStringAsync();
        }

        return map;
    }

    [Fact]
    public async Task FiftyFifty_TenThousandRequests_WithinTwoPoints()
    {
        await CreateVersionsAsync("ab", "ab_a", "ab_b");
        await SetTrafficAsync("ab", """{"ab_a":0.5,"ab_b":0.5}""");
        var counts = await CountAsync("ab", 10_000);
        Assert.InRange(counts["ab_a"], 4800, 5200);
        Assert.Equal(10_000, counts["ab_a"] + counts["ab_b"]);
    }

    [Fact]
    public async Task OnePercent_TenThousandRequests_SmallBackendBetweenHalfAndOneAndAHalfPercent()
    {
        await CreateVersionsAsync("canary", "canary_main", "canary_new", "canary_new2");
        await SetTrafficAsync("canary", """{"canary_main":0.99,"canary_new":0.01}""");
        var counts = await CountAsync("canary", 10_000);
        Assert.InRange(counts.GetValueOrDefault("canary_new"), 50, 150);

        await SetTrafficAsync("canary", """{"canary_main":0.98,"canary_new":0.01,"canary_new2":0.01}""");
        await SetTrafficAsync("canary", """{"canary_main":1.0}""");
        var back = await CountAsync("canary", 300);
        Assert.Equal(300, back["canary_main"]);
    }

    [Theory]
    [InlineData("""{"pol_a":0.7,"pol_b":0.7}""", HttpStatusCode.BadRequest, "weights must sum to 1")]
    [InlineData("""{"pol_a":1.5,"pol_b":-0.5}""", HttpStatusCode.BadRequest, "weight must be ≥ 0")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "must name at least one backend")]
    [InlineData("""{"pol_a":"half"}""", HttpStatusCode.BadRequest, "must be a number")]
    [InlineData("""{"pol_a":0.5,"ghost":0.5}""", HttpStatusCode.NotFound, "backend 'ghost' does not exist")]
    public async Task SetTraffic_Invalid_RejectedAndOldPolicyStays(string traffic, HttpStatusCode status, string expected)
    {
        if (!(await Node.Admin.GetJsonAsync("api/backends")).AsObject().ContainsKey("pol_a"))
        {
            await CreateVersionsAsync("pol", "pol_a", "pol_b");
        }

        var before = await Node.Admin.GetStringAsync("api/endpoints");
        using var response = await Node.Admin.PutJsonAsync("api/endpoints/pol/traffic", traffic);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (await response.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await Node.Admin.GetStringAsync("api/endpoints"));
    }

    [Fact]
    public async Task IncrementalRolloutAndRollback_UnderTraffic_NoRequestFailsAndEachStepApplies()
    {
        await CreateVersionsAsync("rollout", "old_v", "new_v");
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var load = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await Node.Http.GetAsync("rollout");
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToList();

        foreach (var step in new[] { """{"old_v":0.9,"new_v":0.1}""", """{"old_v":0.8,"new_v":0.2}""", """{"old_v":0.5,"new_v":0.5}""" })
        {
            await SetTrafficAsync("rollout", step);
        }

        await SetTrafficAsync("rollout", """{"old_v":0,"new_v":1}""");
        Assert.Equal(200, (await CountAsync("rollout", 200))["new_v"]);
        await SetTrafficAsync("rollout", """{"old_v":1.0}""");
        Assert.Equal(200, (await CountAsync("rollout", 200))["old_v"]);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task ShardKeys_WeightsChange_OnlyKeysThatMustMoveMove()
    {
        await CreateVersionsAsync("sticky", "sticky_v1", "sticky_v2");
        await SetTrafficAsync("sticky", """{"sticky_v1":0.9,"sticky_v2":0.1}""");
        var first = await MapKeysAsync(Node, "sticky", 1000);
        Assert.Equal(first, await MapKeysAsync(Node, "sticky", 1000));

        await SetTrafficAsync("sticky", """{"sticky_v1":0.8,"sticky_v2":0.2}""");
        var second = await MapKeysAsync(Node, "sticky", 1000);
        var moved = first.Where(kv => second[kv.Key] != kv.Value).ToList();
        Assert.InRange(moved.Count, 70, 130);
        Assert.All(moved, kv => Assert.Equal(("sticky_v1", "sticky_v2"), (kv.Value, second[kv.Key])));
    }

    [Fact]
    public async Task Shadows_CopiesReachShadowFailuresAndSlownessNeverReachCaller()
    {
        await CreateVersionsAsync("shadowed", "shadowed_main");
        foreach (var (name, @class) in new[] { ("shadow_rec", "Recorder"), ("shadow_fail", "Thrower"), ("shadow_slow", "Slow") })
        {
            using var created = await Node.Admin.PostJsonAsync("api/backends", $$"""{"name":"{{name}}","class":"{{@class}}"}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var counter = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"shadow_rec","backend":"shadow_rec","route":"/shadow_rec"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, counter.StatusCode);
        }

        foreach (var (backend, proportion) in new[] { ("shadow_rec", 0.3), ("shadow_fail", 1.0), ("shadow_slow", 1.0) })
        {
            using var set = await Node.Admin.PutJsonAsync($"api/endpoints/shadowed/shadows/{backend}", $$"""{"proportion":{{proportion}}}""");
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using (var inUse = await Node.Admin.DeleteAsync("api/backends/shadow_rec"))
        {
            Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        }

        // The slow shadow takes 200 ms a copy; 400 sequential calls would take over a minute if it slowed the caller.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 400; i++)
        {
            using var response = await Node.Http.GetAsync("shadowed");
            Assert.Equal("shadowed_main", await response.Content.ReadAsStringAsync());
        }

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(40));
        await Eventually.TrueAsync(async () =>
        {
            var count = int.Parse(await Node.Http.GetStringAsync("shadow_rec?count=1"));
            return count is >= 80 and <= 160; // 400 × 0.3 = 120, ±4.3 standard deviations
        }, "about 30% of 400 requests copied to the recorder", seconds: 10);

        using (var removed = await Node.Admin.PutJsonAsync("api/endpoints/shadowed/shadows/shadow_rec", """{"proportion":0}"""))
        {
            var shadows = (await removed.JsonAsync())["shadows"]!.AsObject();
            Assert.False(shadows.ContainsKey("shadow_rec"));
        }

        using var invalid = await Node.Admin.PutJsonAsync("api/endpoints/shadowed/shadows/shadow_rec", """{"proportion":1.5}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
