using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The admin API (CONTRACT section 6): management calls and their rejections against a real node.</summary>
public sealed class AdminTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task ScaleUpAndDown_UnderLoad_NoRequestFails()
    {
        await Node.DeployAsync("scaled", "Slow", config: """{"num_replicas":1}""");
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var seen = new HashSet<string>();
        var ok = 0;
        var load = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await Node.Http.GetAsync("scaled?ms=20");
                var body = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        ok++;
                        seen.Add(body);
                    }
                    else
                    {
                        failures.Add($"{(int)response.StatusCode} {body}");
                    }
                }
            }
        }).ToList();

        using (var up = await Node.Admin.PatchJsonAsync("api/backends/scaled/config", """{"num_replicas":4}"""))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            var replicas = (await up.JsonAsync())["replicas"]!.AsArray();
            Assert.Equal(4, replicas.Count(r => r!["state"]!.GetValue<string>() == "running"));
        }

        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref ok) > 200), "traffic over four replicas");
        using (var down = await Node.Admin.PatchJsonAsync("api/backends/scaled/config", """{"num_replicas":1}"""))
        {
            Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await Node.ReplicasAsync("scaled")).Count == 1, "drained replicas gone");
        var before = Volatile.Read(ref ok);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref ok) > before + 100), "traffic after scaling down");
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Empty(failures);
        Assert.True(seen.Count >= 4, $"requests reached {seen.Count} replicas");
    }

    [Fact]
    public async Task PatchUserConfig_EveryReplicaSeesIt_NoneRestarts()
    {
        await Node.DeployAsync("conf", "Configurable", config: """{"num_replicas":2,"user_config":{"threshold":1}}""");
        var tagsBefore = (await Node.ReplicasAsync("conf")).Select(r => r["tag"]!.GetValue<string>()).Order().ToList();
        using (var patch = await Node.Admin.PatchJsonAsync("api/backends/conf/config", """{"user_config":{"threshold":2}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var answers = new Dictionary<string, JsonNode>();
        await Eventually.TrueAsync(async () =>
        {
            var answer = await Node.Http.GetJsonAsync("conf");
            answers[answer["replica"]!.GetValue<string>()] = answer;
            return answers.Count == 2;
        }, "answers from both replicas");
        Assert.All(answers.Values, a => Assert.Equal(2, a["config"]!["threshold"]!.GetValue<int>()));
        Assert.All(answers.Values, a => Assert.Equal(2, a["reconfigurations"]!.GetValue<int>()));
        var tagsAfter = (await Node.ReplicasAsync("conf")).Select(r => r["tag"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(tagsBefore, tagsAfter);
    }

    [Fact]
    public async Task DeleteEndpointThenBackend_NamesAndRoutesReusable()
    {
        await Node.DeployAsync("reuse", "Echo", methods: """["POST"]""");
        using (var inUse = await Node.Admin.DeleteAsync("api/backends/reuse"))
        {
            Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
            Assert.Contains("endpoint 'reuse'", (await inUse.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var deleted = await Node.Admin.DeleteAsync("api/endpoints/reuse"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await Node.Http.PostAsync("reuse", new StringContent("x")))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var deleted = await Node.Admin.DeleteAsync("api/backends/reuse"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Node.DeployAsync("reuse", "Thrower", methods: """["POST"]""");
        using var again = await Node.Http.PostAsync("reuse?as=json", new StringContent("four"));
        Assert.Equal(4, (await again.JsonAsync())["length"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailingConstructor_ReplicaFailedWithReason_OthersKeepServing()
    {
        using (var created = await Node.Admin.PostJsonAsync("api/backends", """{"name":"broken","class":"Failing"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var replica = (await created.JsonAsync())["replicas"]![0]!;
            Assert.Equal("failed", replica["state"]!.GetValue<string>());
            Assert.Contains("model weights are corrupt", replica["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // The controller keeps retrying (a new replica each time) and shows the last reason in between.
        // (A retry is "starting" until its constructor throws, so the status is looked at until the retry has failed too.)
        var first = (await Node.ReplicasAsync("broken"))[0]["tag"]!.GetValue<string>();
        await Eventually.TrueAsync(async () =>
        {
            var replicas = (await Node.Admin.GetJsonAsync("api/status"))["backends"]!["broken"]!["replicas"]!.AsArray();
            return replicas.Count == 1
                && replicas[0]!["tag"]!.GetValue<string>() != first
                && replicas[0]!["state"]!.GetValue<string>() == "failed";
        }, "a retry with a new replica, failed in its turn");

        await Node.DeployAsync("healthy", "Echo", methods: """["POST"]""");
        using var response = await Node.Http.PostAsync("healthy", new StringContent("still here"));
        Assert.Equal("still here", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"name":"x1","class":"NoSuchModel"}""", "class 'NoSuchModel' is not a registered backend type")]
    [InlineData("""{"name":"x2","class":"Echo","config":{"num_replicas":-1}}""", "config.num_replicas: must be within [0, 1000] (got -1)")]
    [InlineData("""{"name":"x9","class":"Echo","config":{"num_replicas":1000000000}}""", "config.num_replicas: must be within [0, 1000]")]
    [InlineData("""{"name":"x10","class":"Echo","config":{"request_timeout_s":1e308}}""", "config.request_timeout_s: must be > 0 and ≤ 86400 seconds")]
    [InlineData("""{"name":"x3","class":"Greeter","init_args":{"greeting":5}}""", "parameter 'greeting'")]
    [InlineData("""{"name":"x4","class":"Greeter","init_args":["hi", 1, 2]}""", "3 values given but Greeter takes 2 init args")]
    [InlineData("""{"name":"x5","class":"Echo","config":{"max_batch_size":4}}""", "not a batch backend")]
    [InlineData("""{"name":"x6","class":"Echo","resources":{"num_gpus":-1}}""", "resources.num_gpus: must be ≥ 0")]
    [InlineData("""{"name":"x7","class":"Echo","resources":{"gpus":1}}""", "resources.gpus: is not a known field")]
    [InlineData("""{"class":"Echo"}""", "name: is required")]
    [InlineData("""{"name":"x8","class":"Echo",""", "not valid JSON")]
    public async Task CreateBackend_Invalid_400NamingTheProblemAndNothingChanges(string body, string expected)
    {
        var before = await Node.Admin.GetStringAsync("api/backends");
        using var response = await Node.Admin.PostJsonAsync("api/backends", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, (await response.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await Node.Admin.GetStringAsync("api/backends"));
    }

    [Fact]
    public async Task CreateEndpoint_Conflicts_4xxNamingTheProblem()
    {
        await Node.DeployAsync("taken", "Echo", methods: """["POST"]""");
        using (var name = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"taken","backend":"taken","route":"/other"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, name.StatusCode);
        }

        using (var route = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"taken2","backend":"taken","route":"/taken"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, route.StatusCode);
            Assert.Contains("route '/taken' is taken by endpoint 'taken'", (await route.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var backend = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"orphan","backend":"missing","route":"/orphan"}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, backend.StatusCode);
        }

        using (var slash = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"noslash","backend":"taken","route":"noslash"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, slash.StatusCode);
            Assert.Contains("must start with '/'", (await slash.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var duplicate = await Node.Admin.PostJsonAsync("api/backends", """{"name":"taken","class":"Echo"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using var missing = await Node.Admin.PatchJsonAsync("api/backends/missing/config", """{"num_replicas":2}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"num_replicas":1000000000}""", "num_replicas: must be within [0, 1000]")]
    [InlineData("""{"request_timeout_s":1e308}""", "request_timeout_s: must be > 0 and ≤ 86400 seconds")]
    [InlineData("""{"batch_wait_timeout_s":1e300}""", "batch_wait_timeout_s: must be within [0, 3600] seconds")]
    [InlineData("""{"autoscaling_config":{"min_replicas":1,"max_replicas":2147483647}}""", "autoscaling_config.max_replicas: must be within [1, 1000]")]
    public async Task PatchConfig_BeyondItsBound_400AndTheEndpointStillServes(string patch, string expected)
    {
        // Once accepted, a request_timeout_s of 1e308 overflowed every node's routing table and a num_replicas of 1e9
        // held the controller for minutes: the bound is checked before anything is stored.
        var name = "bound" + (uint)patch.GetHashCode(StringComparison.Ordinal);
        await Node.DeployAsync(name, "Echo", methods: """["POST"]""");
        var before = await Node.Admin.GetStringAsync($"api/backends/{name}");

        using (var refused = await Node.Admin.PatchJsonAsync($"api/backends/{name}/config", patch))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, (await refused.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await Node.Admin.GetStringAsync($"api/backends/{name}"));
        using var served = await Node.Http.PostAsync(name, new StringContent("still routed"));
        Assert.Equal("still routed", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deploy_YamlBody_AppliedAndInvalidFileChangesNothing()
    {
        using (var applied = await Node.Admin.PostAsync("api/deploy", new StringContent("""
            backends:
              yaml_v1: { class: Echo, config: { num_replicas: 1 } }
            endpoints:
              yaml: { route: /yaml, methods: [POST], traffic: { yaml_v1: 1.0 } }
            """, System.Text.Encoding.UTF8, "application/yaml")))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
            var result = await applied.JsonAsync();
            Assert.Contains("yaml_v1", result["created"]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        using (var echoed = await Node.Http.PostAsync("yaml", new StringContent("from yaml")))
        {
            Assert.Equal("from yaml", await echoed.Content.ReadAsStringAsync());
        }

        var before = await Node.Admin.GetStringAsync("api/backends");
        using var broken = await Node.Admin.PostAsync("api/deploy", new StringContent("backends: [unclosed", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(before, await Node.Admin.GetStringAsync("api/backends"));
    }

    [Fact]
    public async Task Status_ShowsNodeResourcesBackendsEndpointsController()
    {
        await Node.DeployAsync("shown", "Echo", methods: """["POST"]""");
        var status = await Node.Admin.GetJsonAsync("api/status");
        var node = status["nodes"]![0]!;
        Assert.Equal("e2e", node["id"]!.GetValue<string>());
        Assert.Equal("alive", node["status"]!.GetValue<string>());
        Assert.True(node["resources"]!["total"]!["num_cpus"]!.GetValue<double>() >= 1);
        Assert.NotNull(node["resources"]!["available"]!["custom"]);
        Assert.Equal("e2e", status["controller"]!["node"]!.GetValue<string>());
        Assert.Equal("running", status["backends"]!["shown"]!["replicas"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("/shown", status["endpoints"]!["shown"]!["route"]!.GetValue<string>());
    }
}
