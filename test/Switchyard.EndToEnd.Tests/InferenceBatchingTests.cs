using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Batched, concurrent inference over HTTP, through /v2 (JSON and binary) and the endpoint's own route, equals ONNX
/// Runtime called directly on the same rows, for every committed model; and traffic splits show in model_version.
/// </summary>
public sealed class InferenceBatchingTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Theory]
    [InlineData("digits.onnx")]
    [InlineData("digits_tokens.onnx")]
    [InlineData("mlp_bench.onnx")]
    public async Task ConcurrentClients_SeveralRowsEach_EqualOnnxRuntimeOnTheSameRows(string model)
    {
        var name = "batch_" + Path.GetFileNameWithoutExtension(model);
        await Node.DeployOnnxAsync(name, model, config: """{"num_replicas":2,"max_batch_size":16,"max_concurrent_queries":32,"batch_wait_timeout_s":0.02}""");

        var calls = Enumerable.Range(0, 48).Select(i => CallAsync(name, model, rows: 1 + (i % 4), seed: i, form: i % 3));
        await Task.WhenAll(calls);

        // Some of those calls must have shared a batch, or this test proved nothing about batching.
        var metrics = await Node.Admin.GetStringAsync("metrics");
        var sum = Metric(metrics, "switchyard_batch_size_sum", name);
        var count = Metric(metrics, "switchyard_batch_size_count", name);
        Assert.True(sum > count, $"no batch of {name} held more than one request (sum {sum}, count {count})");
    }

    [Fact]
    public async Task TokenBeyondTheVocabulary_400ForThatRequestOnlyTheOthersInItsBatchServed()
    {
        // Four clients at once, inside one 50 ms batch window: one client's token id beyond the vocabulary fails the
        // ONNX Runtime run it shares; that request alone is answered 400 naming the model's refusal, the others
        // get their outputs (batched together or not, the answer per request is the same).
        await Node.DeployOnnxAsync("vocab", "digits_tokens.onnx", config: """{"max_batch_size":8,"max_concurrent_queries":8,"batch_wait_timeout_s":0.05}""");
        var mask = Enumerable.Repeat(1f, 64).ToArray();
        JsonObject Call(long token) => Oip.Request(Oip.Tensor("tokens", "INT64", [1, 64], Enumerable.Repeat(token, 64)), Oip.Tensor("mask", "FP32", [1, 64], mask));

        var answers = await Task.WhenAll(new long[] { 1, 99, 2, 3 }.Select(token => Node.Http.InferJsonAsync("v2/models/vocab/infer", Call(token))));
        try
        {
            Assert.Contains("The model refused the input's values", await Oip.ErrorAsync(answers[1], HttpStatusCode.BadRequest), StringComparison.Ordinal);
            Assert.All(answers.Where((_, i) => i != 1), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    [Fact]
    public async Task TwoVersions_TrafficSplit_ModelVersionMatchesTheWeightsAndPinsHold()
    {
        await Node.DeployOnnxAsync("ab_a", "digits.onnx");
        using (var b = await Node.Admin.PostJsonAsync("api/backends", JsonSerializer.Serialize(new { name = "ab_b", @class = "onnx", init_args = new { model = Oip.ModelPath("digits.onnx") } })))
        {
            Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        }

        using (var traffic = await Node.Admin.PutJsonAsync("api/endpoints/ab_a/traffic", """{"ab_a":0.7,"ab_b":0.3}"""))
        {
            Assert.Equal(HttpStatusCode.OK, traffic.StatusCode);
        }

        var request = Oip.Request(Oip.Tensor("image", "FP32", [1, 1, 8, 8], ReferenceModel.HeldOut[0].Pixels));
        var versions = await Task.WhenAll(Enumerable.Range(0, 400).Select(async _ =>
        {
            using var response = await Node.Http.InferJsonAsync("v2/models/ab_a/infer", request.DeepClone().AsObject());
            return (await Oip.OutputsAsync(response)).Header["model_version"]!.GetValue<string>();
        }));
        Assert.InRange(versions.Count(v => v == "ab_b"), 80, 160); // 120 expected; ±4.4 standard deviations
        Assert.Equal(400, versions.Count(v => v is "ab_a" or "ab_b"));

        var metadata = await Node.Http.GetJsonAsync("v2/models/ab_a");
        Assert.Equal(["ab_a", "ab_b"], metadata["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        for (var i = 0; i < 20; i++)
        {
            using var pinned = await Node.Http.InferJsonAsync("v2/models/ab_a/versions/ab_b/infer", request.DeepClone().AsObject());
            Assert.Equal("ab_b", (await Oip.OutputsAsync(pinned)).Header["model_version"]!.GetValue<string>());
        }

        var keyed = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await Node.Http.InferJsonAsync("v2/models/ab_a/infer", request.DeepClone().AsObject(), shardKey: "user-42");
            keyed.Add((await Oip.OutputsAsync(response)).Header["model_version"]!.GetValue<string>());
        }

        Assert.Single(keyed);
    }

    private async Task CallAsync(string name, string model, int rows, int seed, int form)
    {
        var (inputs, simple) = Example(model, rows, seed);
        HttpResponseMessage response = form switch
        {
            0 => await Node.Http.InferJsonAsync($"v2/models/{name}/infer", Oip.Request([.. inputs.Select(i => Json(i))])),
            1 => await Node.Http.InferBinaryAsync(
                $"v2/models/{name}/infer",
                new JsonObject
                {
                    ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)Oip.BinaryTensor(i.Name, Datatype(i.Data), i.Shape, Bytes(i.Data).Length))]),
                    ["parameters"] = new JsonObject { ["binary_data_output"] = true },
                },
                [.. inputs.Select(i => Bytes(i.Data))]),
            _ => await Node.Http.PostAsync(name, new StringContent(simple.ToJsonString())),
        };
        using (response)
        {
            // Computed once the call is answered, so the calls reach the node together and can share batches.
            var expected = ReferenceModel.Run(model, inputs);
            if (form == 2)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                var json = JsonNode.Parse(body)!;
                foreach (var (output, (_, values)) in expected)
                {
                    ReferenceModel.AssertClose(values, Oip.Flat(json[output]), $"{name} own route {output}");
                }

                return;
            }

            var (_, outputs) = await Oip.OutputsAsync(response);
            foreach (var (output, (shape, values)) in expected)
            {
                Assert.Equal(shape, outputs[output].Shape);
                ReferenceModel.AssertClose(values, outputs[output].Values, $"{name} /v2 {output}");
            }
        }
    }

    private static ((string Name, long[] Shape, Array Data)[] Inputs, JsonObject Simple) Example(string model, int rows, int seed)
    {
        var digits = ReferenceModel.HeldOut.Skip(seed * 5).Take(rows).ToArray();
        switch (model)
        {
            case "digits.onnx":
                var pixels = digits.SelectMany(d => d.Pixels).ToArray();
                return ([("image", [rows, 1, 8, 8], pixels)], new JsonObject { ["inputs"] = JsonSerializer.SerializeToNode(digits.Select(d => d.Pixels)) });
            case "digits_tokens.onnx":
                var length = 40 + (8 * (seed % 4)); // sequence lengths differ between calls: separate groups of one batch
                var tokens = digits.Select(d => d.Pixels.Take(length).Select(v => (long)v).ToArray()).ToArray();
                var mask = tokens.Select(t => t.Select(_ => 1f).ToArray()).ToArray();
                return (
                    [("tokens", [rows, length], tokens.SelectMany(t => t).ToArray()), ("mask", [rows, length], mask.SelectMany(m => m).ToArray())],
                    new JsonObject { ["inputs"] = new JsonObject { ["tokens"] = JsonSerializer.SerializeToNode(tokens), ["mask"] = JsonSerializer.SerializeToNode(mask) } });
            default:
                var random = new Random(seed);
                var values = Enumerable.Range(0, rows * 256).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
                return ([("input", [rows, 256], values)], new JsonObject { ["inputs"] = JsonSerializer.SerializeToNode(values.Chunk(256)) });
        }
    }

    private static JsonObject Json((string Name, long[] Shape, Array Data) input) => input.Data is long[] longs
        ? Oip.Tensor(input.Name, "INT64", input.Shape, longs)
        : Oip.Tensor(input.Name, "FP32", input.Shape, (float[])input.Data);

    private static string Datatype(Array data) => data is long[] ? "INT64" : "FP32";

    private static byte[] Bytes(Array data) => data is long[] longs ? Oip.Longs(longs) : Oip.Floats((float[])data);

    private static double Metric(string metrics, string name, string backend) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains($"backend=\"{backend}\"", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
}
