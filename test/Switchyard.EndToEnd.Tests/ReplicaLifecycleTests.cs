using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Replica faults on real nodes: every backend a replica built is disposed exactly once whatever the order of start,
/// drain and delete; a throwing Dispose still frees the replica's resources; a hung constructor fails the replica
/// after replica_start_timeout_s; a slow call past request_timeout_s answers 504 once and runs once.
/// </summary>
public sealed class ReplicaLifecycleTests
{
    private static async Task<JsonNode> AvailableAsync(NodeProcess node) =>
        (await node.Admin.GetJsonAsync("api/status"))["nodes"]![0]!["resources"]!["available"]!;

    [Fact]
    public async Task Delete_WhileConstructorRuns_BackendDisposedOnceWhenItReturns()
    {
        using var journal = new Journal();
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--num-cpus", "1"]);
        var create = node.Admin.PostJsonAsync("api/backends", $$$"""{"name":"starting","class":"Journaled","init_args":{{{journal.InitArgs("\"start_delay_ms\":5000")}}},"resources":{"num_cpus":1}}""");
        await Eventually.TrueAsync(() => Task.FromResult(journal.Count("constructing") == 1), "the constructor to begin");

        using (var deleted = await node.Admin.DeleteAsync("api/backends/starting"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, journal.Count("constructed")); // the delete came while the constructor ran

        await Eventually.TrueAsync(() => Task.FromResult(journal.Count("disposed") == 1), $"the late backend to be disposed (journal: {journal})");
        var tag = Assert.Single(journal.Tags("constructing"));
        Assert.Equal(1, journal.Count("constructed", tag));
        Assert.Equal(0, journal.Count("call"));
        // The create's answer races the delete (it waits for the replicas to settle); only the replica matters here.
        _ = create.ContinueWith(static t => t.Exception, TaskScheduler.Default);

        // The replica reported stopped: its CPU is free again, and nothing was disposed twice.
        await Eventually.TrueAsync(async () => (await AvailableAsync(node))["num_cpus"]!.GetValue<double>() == 1, "the replica's CPU to be free");
        Assert.Equal(1, journal.Count("disposed"));
    }

    [Fact]
    public async Task Delete_DisposeThrows_ReplicaStopsAndItsResourcesAreFree()
    {
        using var journal = new Journal();
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--num-cpus", "1"]);
        using (var created = await node.Admin.PostJsonAsync("api/backends", $$$"""{"name":"throwing","class":"Journaled","init_args":{{{journal.InitArgs("\"throw_on_dispose\":true")}}},"resources":{"num_cpus":1}}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("running", (await created.JsonAsync())["replicas"]![0]!["state"]!.GetValue<string>());
        }

        using (var deleted = await node.Admin.DeleteAsync("api/backends/throwing"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(journal.Count("disposed") == 1), "Dispose to run");
        await Eventually.TrueAsync(async () => (await AvailableAsync(node))["num_cpus"]!.GetValue<double>() == 1, "the CPU held by the replica whose Dispose threw to be free");

        // The freed CPU is usable: a replica needing all of it starts instead of waiting as pending.
        using var next = await node.Admin.PostJsonAsync("api/backends", """{"name":"next","class":"Echo","resources":{"num_cpus":1}}""");
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal("running", (await next.JsonAsync())["replicas"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(1, journal.Count("disposed"));
        await Eventually.TrueAsync(() => Task.FromResult(node.Output.Contains("Disposing the backend of replica", StringComparison.Ordinal)), "the failed Dispose in the node's log");
    }

    [Fact]
    public async Task Start_ConstructorPastStartTimeout_FailedNamingTheOptionAndDisposedWhenItReturns()
    {
        using var journal = new Journal();
        await using var node = await NodeProcess.StartAsync(new Dictionary<string, string> { ["Switchyard__Replicas__StartTimeout"] = "00:00:01" });
        var clock = Stopwatch.StartNew();
        using (var created = await node.Admin.PostJsonAsync("api/backends", $$"""{"name":"hung","class":"Journaled","init_args":{{journal.InitArgs("\"start_delay_ms\":6000")}}}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Failed replicas are replaced after a backoff, so the failure shows between attempts: watch for it.
        JsonNode? failed = null;
        await Eventually.TrueAsync(async () =>
        {
            failed = (await node.ReplicasAsync("hung")).FirstOrDefault(r => r["state"]!.GetValue<string>() == "failed");
            return failed is not null;
        }, "a replica failed by the start timeout");
        var tag = failed!["tag"]!.GetValue<string>();
        Assert.Equal(0, journal.Count("constructed", tag)); // failed while its constructor was still running
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"failed after {clock.Elapsed}, before replica_start_timeout_s");
        Assert.Equal("Journaled did not start within replica_start_timeout_s (1 s): its constructor had not returned", failed["reason"]!.GetValue<string>());

        // The controller retries with fresh replicas; each constructor that finally returns has its backend disposed once.
        using (var deleted = await node.Admin.DeleteAsync("api/backends/hung"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(journal.Tags("constructing").All(tag => journal.Count("disposed", tag) == 1)),
            $"every late backend disposed (journal: {journal})");
        Assert.All(journal.Tags("constructing"), tag => Assert.Equal(1, journal.Count("constructed", tag)));
    }

    [Fact]
    public async Task Start_InvalidStartTimeout_NodeRefusesToStartNamingTheSetting()
    {
        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            NodeProcess.StartAsync(new Dictionary<string, string> { ["Switchyard__Replicas__StartTimeout"] = "-00:00:01" }));
        Assert.Contains("ReplicaOptions.StartTimeout (replica_start_timeout_s) must be > 0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SlowCallPastRequestTimeout_504OnceAndTheBackendRanOnce()
    {
        using var journal = new Journal();
        await using var node = await NodeProcess.StartAsync();
        await node.DeployAsync("slowpoke", "Journaled", config: """{"num_replicas":2,"request_timeout_s":1}""", initArgs: journal.InitArgs());
        var clock = Stopwatch.StartNew();
        using (var late = await node.Http.PostAsync("slowpoke?ms=8000", new StringContent("x")))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, late.StatusCode);
            Assert.Contains("request_timeout_s (1 s)", (await late.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {clock.Elapsed}, before request_timeout_s");
        Assert.Equal(0, journal.Count("answered")); // the 504 came while the call still ran, not after it

        // The caller gave up, so the replica's call was cancelled too; nothing ran it again elsewhere.
        await Eventually.TrueAsync(() => Task.FromResult(journal.Count("cancelled") == 1), $"the call to be cancelled in the replica (journal: {journal})");
        Assert.Equal(1, journal.Count("call"));
        Assert.Equal(0, journal.Count("answered"));
    }

    [Fact]
    public async Task Create_SnakeCaseInitArg_BindsTheSnakeCaseParameter()
    {
        await using var node = await NodeProcess.StartAsync();
        await node.DeployAsync("quick", "Slow", initArgs: """{"delay_ms": 5}""");
        using (var quick = await node.Http.GetAsync("quick"))
        {
            Assert.Equal(HttpStatusCode.OK, quick.StatusCode);
            Assert.StartsWith("quick#", await quick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The value is the one given: 30 s per call cannot meet a 1 s deadline, the default 200 ms would.
        await node.DeployAsync("patient", "Slow", config: """{"request_timeout_s":1}""", initArgs: """{"delay_ms": 30000}""");
        using var patient = await node.Http.GetAsync("patient");
        Assert.Equal(HttpStatusCode.GatewayTimeout, patient.StatusCode);
    }
}
