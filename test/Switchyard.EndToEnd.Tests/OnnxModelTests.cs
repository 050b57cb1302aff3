using System.Net;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Models the ONNX backend refuses, and how the refusal reaches the user: at create, or in the replicas' state.</summary>
public sealed class OnnxModelTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task ModelThatFailsToLoad_FailsOnlyItsOwnReplicasWithOnnxRuntimesMessage()
    {
        using var folder = new TempDirectory("switchyard-onnx-");
        var corrupt = Path.Combine(folder.Path, "corrupt.onnx");
        await File.WriteAllBytesAsync(corrupt, [.. File.ReadAllBytes(Oip.ModelPath("digits.onnx")).Take(5000)]);
        await Node.DeployOnnxAsync("load_ok", "digits.onnx");
        using (var created = await Node.Admin.PostJsonAsync("api/backends", JsonSerializer.Serialize(new { name = "load_broken", @class = "onnx", init_args = new { model = corrupt }, config = new { num_replicas = 2 } })))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var endpoint = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"load_broken","backend":"load_broken","route":"/load_broken","methods":["POST"]}"""))
        {
            Assert.Equal(HttpStatusCode.Created, endpoint.StatusCode);
        }

        string? reason = null;
        await Eventually.TrueAsync(async () =>
        {
            var replicas = await Node.ReplicasAsync("load_broken");
            reason = replicas.Select(r => r["reason"]?.GetValue<string>()).FirstOrDefault(r => r is not null);
            return replicas.Count == 2 && replicas.All(r => r["state"]!.GetValue<string>() == "failed");
        }, "both replicas of the corrupt model failed");
        Assert.StartsWith("OnnxRuntimeException:", reason, StringComparison.Ordinal);
        Assert.Contains("Protobuf parsing failed", reason, StringComparison.Ordinal);

        Assert.All(await Node.ReplicasAsync("load_ok"), r => Assert.Equal("running", r["state"]!.GetValue<string>()));
        using var ok = await Node.Http.InferJsonAsync("v2/models/load_ok/infer", Oip.Request(Oip.Tensor("image", "FP32", [1, 1, 8, 8], ReferenceModel.HeldOut[0].Pixels)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var ready = await Node.Http.GetAsync("v2/models/load_broken/ready");
        await Oip.ErrorAsync(ready, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task FixedFirstDimension_MaxBatchSizeAboveOne_400AtCreateSayingWhy()
    {
        var model = Oip.ModelPath("fixtures/fixed_batch.onnx");

        using var refused = await Node.Admin.PostJsonAsync("api/backends", JsonSerializer.Serialize(new { name = "fixed", @class = "onnx", init_args = new { model }, config = new { max_batch_size = 4 } }));
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("config.max_batch_size: is 4 but model", problem, StringComparison.Ordinal);
        Assert.Contains("input 'x' has a fixed first dimension (shape [1, 3])", problem, StringComparison.Ordinal);
        using (var missing = await Node.Admin.GetAsync("api/backends/fixed"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode); // a refused create changes nothing
        }

        await Node.DeployAsync("fixed", "onnx", initArgs: JsonSerializer.Serialize(new { model }), methods: """["POST"]""");
        using var own = await Node.Http.PostAsync("fixed", new StringContent("[1, 2, 3]"));
        Assert.Equal("""{"y":[[2,4,6]]}""", await own.Content.ReadAsStringAsync());
        using var infer = await Node.Http.InferJsonAsync("v2/models/fixed/infer", Oip.Request(Oip.Tensor("x", "FP32", [1, 3], new[] { 1f, 0f, -1f })));
        var y = (await Oip.OutputsAsync(infer)).Outputs["y"].Values;
        Assert.Equal(new[] { 2.0, 0.0, -2.0 }, y);

        using var update = await Node.Admin.PatchJsonAsync("api/backends/fixed/config", """{"max_batch_size": 2}""");
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Contains("cannot batch", await update.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonTensorOutput_RefusedAtLoadNamingIt_UnlessOutputsLeaveItOut()
    {
        var model = Oip.ModelPath("fixtures/sequence_output.onnx");
        using (var created = await Node.Admin.PostJsonAsync("api/backends", JsonSerializer.Serialize(new { name = "seq_all", @class = "onnx", init_args = new { model } })))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await Node.ReplicasAsync("seq_all")).Any(r => r["state"]!.GetValue<string>() == "failed"), "the replica refusing the sequence output");
        var reason = (await Node.ReplicasAsync("seq_all")).Select(r => r["reason"]?.GetValue<string>()).First(r => r is not null);
        Assert.Contains("Output 'parts' of 'sequence_output.onnx' is a sequence, not a tensor", reason, StringComparison.Ordinal);
        Assert.Contains("outputs: [y]", reason, StringComparison.Ordinal);

        await Node.DeployAsync("seq_y", "onnx", config: """{"max_batch_size":8}""", initArgs: JsonSerializer.Serialize(new { model, outputs = new[] { "y" } }), methods: """["POST"]""");
        using var own = await Node.Http.PostAsync("seq_y", new StringContent("[[1, 2], [3, 4]]"));
        Assert.Equal("""{"y":[[1,2],[3,4]]}""", await own.Content.ReadAsStringAsync());
    }
}
