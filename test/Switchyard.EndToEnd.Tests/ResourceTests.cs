using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Declared node resources, per-replica reservations, GPU assignment and pending replicas on a real node.</summary>
public sealed class ResourceTests
{
    private static async Task<JsonNode> CreateAsync(NodeProcess node, string body)
    {
        using var response = await node.Admin.PostJsonAsync("api/backends", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static async Task<JsonNode> ResourcesAsync(NodeProcess node) =>
        (await node.Admin.GetJsonAsync("api/status"))["nodes"]![0]!["resources"]!;

    [Fact]
    public async Task DeclaredResources_ReservedPerReplica_GpusAssignedAndPendingExplained()
    {
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--num-cpus", "4", "--num-gpus", "2", "--resources", """{"accelerator_a": 2}"""]);
        var total = (await ResourcesAsync(node))["total"]!;
        Assert.Equal(4, total["num_cpus"]!.GetValue<double>());
        Assert.Equal(2, total["num_gpus"]!.GetValue<double>());
        Assert.Equal(2, total["custom"]!["accelerator_a"]!.GetValue<double>());

        var halves = await CreateAsync(node, """{"name":"halves","class":"WhereAmI","config":{"num_replicas":2},"resources":{"num_cpus":1,"num_gpus":0.5}}""");
        Assert.All(halves["replicas"]!.AsArray(), r => Assert.Equal([0], r!["gpu_ids"]!.AsArray().Select(g => g!.GetValue<int>())));
        using (var endpoint = await node.Admin.PostJsonAsync("api/endpoints", """{"name":"halves","backend":"halves","route":"/halves"}""")) { }
        var answer = await node.Http.GetJsonAsync("halves");
        Assert.Equal("0", answer["cudaVisibleDevices"]!.GetValue<string>());
        Assert.Equal(1, answer["numCpus"]!.GetValue<double>());

        var available = (await ResourcesAsync(node))["available"]!;
        Assert.Equal(2, available["num_cpus"]!.GetValue<double>());
        Assert.Equal(1, available["num_gpus"]!.GetValue<double>());

        var whole = await CreateAsync(node, """{"name":"whole","class":"WhereAmI","config":{"num_replicas":2},"resources":{"num_gpus":1}}""");
        var states = whole["replicas"]!.AsArray().Select(r => r!["state"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["pending", "running"], states);
        var running = whole["replicas"]!.AsArray().Single(r => r!["state"]!.GetValue<string>() == "running")!;
        Assert.Equal([1], running["gpu_ids"]!.AsArray().Select(g => g!.GetValue<int>()));
        var pending = whole["replicas"]!.AsArray().Single(r => r!["state"]!.GetValue<string>() == "pending")!;
        Assert.Equal("needs num_gpus=1, most free on any node is 0 (whole GPUs)", pending["reason"]!.GetValue<string>());

        var custom = await CreateAsync(node, """{"name":"custom","class":"WhereAmI","resources":{"custom":{"accelerator_a":3}}}""");
        Assert.Equal("needs accelerator_a=3, most free on any node is 2", custom["replicas"]![0]!["reason"]!.GetValue<string>());

        // Freeing GPU 0 lets the pending whole-GPU replica start there.
        using (var scaled = await node.Admin.PatchJsonAsync("api/backends/halves/config", """{"num_replicas":0}""")) { }
        await Eventually.TrueAsync(async () =>
        {
            var replicas = await node.ReplicasAsync("whole");
            return replicas.Count(r => r["state"]!.GetValue<string>() == "running") == 2;
        }, "the pending replica placed once GPU 0 is free");
        var gpus = (await node.ReplicasAsync("whole")).Select(r => r["gpu_ids"]![0]!.GetValue<int>()).Order();
        Assert.Equal([0, 1], gpus);
    }

    [Fact]
    public async Task Defaults_CpuCountFromMachineNoGpusWithoutNvidiaSmi()
    {
        await using var node = await NodeProcess.StartAsync();
        var total = (await ResourcesAsync(node))["total"]!;
        Assert.Equal(Environment.ProcessorCount, total["num_cpus"]!.GetValue<double>());
        var expectedGpus = File.Exists("/usr/bin/nvidia-smi") ? total["num_gpus"]!.GetValue<double>() : 0;
        Assert.Equal(expectedGpus, total["num_gpus"]!.GetValue<double>());
    }
}
