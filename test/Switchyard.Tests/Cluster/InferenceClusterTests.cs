using System.Text.Json;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>Handles' inference calls through a node's router, to a tensor backend written in C#.</summary>
public sealed class InferenceClusterTests
{
    private static readonly InferenceRequest TwoRows = new([InferenceTensor.Create("x", [2, 3], new[] { 1f, 2f, 3f, 4f, 5f, 6f })]) { Id = "r-1" };

    [Fact]
    public async Task InferAsync_TensorBackend_TensorsBackWithModelNameVersionAndId()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("double", new BackendSpec { Class = nameof(Scaler) });
        await client.CreateEndpointAsync("scale", "double");

        var response = await client.GetHandle("scale").InferAsync(TwoRows);

        Assert.Equal(("scale", "double", "r-1"), (response.ModelName, response.ModelVersion, response.Id));
        Assert.Equal([2f, 4f, 6f, 8f, 10f, 12f], response.Output("y")!.AsSpan<float>().ToArray());
        Assert.Equal([12.0, 30.0], response.Output("total")!.AsSpan<double>().ToArray());
        Assert.Equal("2", await client.GetHandle("scale").CallAsync<string>(null));
    }

    [Fact]
    public async Task InferAsync_SplitTraffic_ModelVersionFollowsWeightsAndPinningWins()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("x2", new BackendSpec { Class = nameof(Scaler), InitArgs = JsonDocument.Parse("""{"factor": 2}""").RootElement });
        await client.CreateBackendAsync("x3", new BackendSpec { Class = nameof(Scaler), InitArgs = JsonDocument.Parse("""{"factor": 3}""").RootElement });
        await client.CreateEndpointAsync("scale", "x2");
        await client.SetTrafficAsync("scale", new Dictionary<string, double> { ["x2"] = 0.75, ["x3"] = 0.25 });
        var handle = client.GetHandle("scale");

        var responses = await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => handle.InferAsync(TwoRows)));

        Assert.InRange(responses.Count(r => r.ModelVersion == "x3"), 400, 600);
        Assert.All(responses, r => Assert.Equal(r.ModelVersion == "x3" ? 3f : 2f, r.Output("y")!.AsSpan<float>()[0]));
        var pinned = await handle.InferAsync(TwoRows, version: "x3");
        Assert.Equal("x3", pinned.ModelVersion);
        var keyed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => handle.Options(shardKey: "user-7").InferAsync(TwoRows)));
        Assert.Single(keyed.Select(r => r.ModelVersion).Distinct());
    }

    [Fact]
    public async Task InferAsync_Failures_ServeExceptionWithTheProtocolsStatus()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("double", new BackendSpec { Class = nameof(Scaler) });
        await client.CreateBackendAsync("slow", new BackendSpec { Class = nameof(Scaler), InitArgs = JsonDocument.Parse("""{"delay_ms": 2000}""").RootElement, Config = new BackendConfig { RequestTimeoutS = 0.2 } });
        await client.CreateBackendAsync("none", new BackendSpec { Class = nameof(Scaler), Config = new BackendConfig { NumReplicas = 0 } });
        await client.CreateBackendAsync("text", new BackendSpec { Class = nameof(Echo) });
        await client.CreateEndpointAsync("scale", "double");
        await client.CreateEndpointAsync("slow", "slow");
        await client.CreateEndpointAsync("none", "none");
        await client.CreateEndpointAsync("text", "text");
        var handle = client.GetHandle("scale");

        var wrongType = new InferenceRequest([InferenceTensor.Create("x", [1, 1], new[] { 1.0 })]);
        Assert.Equal((400, "Input 'x' is FP32, not FP64."), await FailAsync(handle.InferAsync(wrongType)));
        var unknown = new InferenceRequest([InferenceTensor.Create("z", [1, 1], new[] { 1f })]);
        Assert.StartsWith("The model has no input 'z'", (await FailAsync(handle.InferAsync(unknown))).Message, StringComparison.Ordinal);
        var badOutput = new InferenceRequest(TwoRows.Inputs) { Outputs = [new RequestedOutput("logits")] };
        Assert.Equal(400, (await FailAsync(handle.InferAsync(badOutput))).Status);
        Assert.Equal(404, (await FailAsync(handle.InferAsync(TwoRows, version: "x9"))).Status);
        Assert.Equal(404, (await FailAsync(client.GetHandle("nope").InferAsync(TwoRows))).Status);
        Assert.Equal(504, (await FailAsync(client.GetHandle("slow").InferAsync(TwoRows))).Status);
        Assert.Equal(503, (await FailAsync(client.GetHandle("none").InferAsync(TwoRows))).Status);
        var text = await FailAsync(client.GetHandle("text").InferAsync(TwoRows));
        Assert.Equal(400, text.Status);
        Assert.Contains("does not take tensors", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_RequestedOutputs_OnlyThoseReturned()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        await client.CreateBackendAsync("double", new BackendSpec { Class = nameof(Scaler) });
        await client.CreateEndpointAsync("scale", "double");

        var response = await client.GetHandle("scale").InferAsync(new InferenceRequest(TwoRows.Inputs) { Outputs = [new RequestedOutput("total")] });

        Assert.Equal(["total"], response.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task CreateBackend_TypesOwnSpecCheck_RefusesWith400NamingThePath()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);

        var refused = await Assert.ThrowsAsync<ServeException>(() => client.CreateBackendAsync("capped", new BackendSpec { Class = nameof(BatchCapped), Config = new BackendConfig { MaxBatchSize = 8 } }));
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("config.max_batch_size: is 8; BatchCapped takes at most 4", refused.Message, StringComparison.Ordinal);

        var broken = await Assert.ThrowsAsync<ServeException>(() => client.CreateBackendAsync("broken", new BackendSpec { Class = nameof(BatchCapped), InitArgs = JsonDocument.Parse("""{"explode": true}""").RootElement }));
        Assert.Contains("could not check this spec: InvalidOperationException: the check itself failed", broken.Message, StringComparison.Ordinal);

        await client.CreateBackendAsync("capped", new BackendSpec { Class = nameof(BatchCapped), Config = new BackendConfig { MaxBatchSize = 4 } });
        var update = await Assert.ThrowsAsync<ServeException>(() => client.SetBackendConfigAsync("capped", new BackendConfigUpdate { MaxBatchSize = 5 }));
        Assert.Equal(400, update.StatusCode);
        Assert.Equal(4, (await cluster.BackendAsync("capped")).Config.MaxBatchSize);
    }

    private static async Task<(int Status, string Message)> FailAsync(Task<InferenceResponse> call)
    {
        var ex = await Assert.ThrowsAsync<ServeException>(() => call);
        return (ex.StatusCode, ex.Message);
    }
}
