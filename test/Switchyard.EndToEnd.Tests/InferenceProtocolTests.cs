using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Every call of the Open Inference Protocol (CONTRACT section 12), its statuses and errors, JSON and binary, on a real node.</summary>
public sealed class InferenceProtocolTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Server_MetadataAndHealth_Answer()
    {
        var server = await Node.Http.GetJsonAsync("v2");
        Assert.Equal("switchyard", server["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(server["version"]!.GetValue<string>()));
        Assert.Contains("binary_tensor_data", server["extensions"]!.AsArray().Select(e => e!.GetValue<string>()));

        using var live = await Node.Http.GetAsync("v2/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await Node.Http.GetAsync("v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ModelMetadata_ModelAndVersion_FromTheModelItself()
    {
        await Node.DeployOnnxAsync("meta_digits", "digits.onnx");

        var model = await Node.Http.GetJsonAsync("v2/models/meta_digits");
        Assert.Equal("meta_digits", model["name"]!.GetValue<string>());
        Assert.Equal(["meta_digits"], model["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("onnxruntime_onnx", model["platform"]!.GetValue<string>());
        Assert.Equal("""[{"name":"image","datatype":"FP32","shape":[-1,1,8,8]}]""", model["inputs"]!.ToJsonString());
        Assert.Equal("""[{"name":"probabilities","datatype":"FP32","shape":[-1,10]},{"name":"label","datatype":"INT64","shape":[-1]}]""", model["outputs"]!.ToJsonString());
        var version = await Node.Http.GetJsonAsync("v2/models/meta_digits/versions/meta_digits");
        Assert.Equal(model.ToJsonString(), version.ToJsonString());

        using var unknownModel = await Node.Http.GetAsync("v2/models/no_such_model");
        Assert.Contains("Model 'no_such_model' does not exist", await Oip.ErrorAsync(unknownModel, HttpStatusCode.NotFound), StringComparison.Ordinal);
        using var unknownVersion = await Node.Http.GetAsync("v2/models/meta_digits/versions/v9");
        Assert.Contains("has no version 'v9'; its versions are: meta_digits", await Oip.ErrorAsync(unknownVersion, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_RunningReplicaOrNot_200Or503WithRetryAfter()
    {
        await Node.DeployOnnxAsync("ready_digits", "digits.onnx");
        await Node.DeployAsync("ready_none", "Scaler", config: """{"num_replicas":0}""", methods: """["POST"]""");

        using var ready = await Node.Http.GetAsync("v2/models/ready_digits/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var versionReady = await Node.Http.GetAsync("v2/models/ready_digits/versions/ready_digits/ready");
        Assert.Equal(HttpStatusCode.OK, versionReady.StatusCode);
        using var notReady = await Node.Http.GetAsync("v2/models/ready_none/ready");
        Assert.Contains("has no running replica", await Oip.ErrorAsync(notReady, HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        Assert.Equal("1", notReady.Headers.RetryAfter!.ToString());
        using var metadata = await Node.Http.GetAsync("v2/models/ready_none");
        await Oip.ErrorAsync(metadata, HttpStatusCode.ServiceUnavailable);
        using var infer = await Node.Http.InferJsonAsync("v2/models/ready_none/infer", Oip.Request(Oip.Tensor("x", "FP32", [1, 1], new[] { 1f })));
        Assert.Contains("has no running replica", await Oip.ErrorAsync(infer, HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        Assert.NotNull(infer.Headers.RetryAfter);
    }

    [Fact]
    public async Task Infer_Json_EveryOutputWithModelNameVersionAndId()
    {
        await Node.DeployOnnxAsync("json_digits", "digits.onnx");
        var digits = ReferenceModel.HeldOut.Take(3).ToArray();
        var request = Oip.Request(Oip.Tensor("image", "FP32", [3, 1, 8, 8], digits.SelectMany(d => d.Pixels)));
        request["id"] = "req-42";

        using var response = await Node.Http.InferJsonAsync("v2/models/json_digits/infer", request);

        var (header, outputs) = await Oip.OutputsAsync(response);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(("json_digits", "json_digits", "req-42"), (header["model_name"]!.GetValue<string>(), header["model_version"]!.GetValue<string>(), header["id"]!.GetValue<string>()));
        Assert.Equal([3L, 10], outputs["probabilities"].Shape);
        Assert.Equal(digits.Select(d => (double)d.Label), outputs["label"].Values);
        var expected = ReferenceModel.Run("digits.onnx", ("image", [3, 1, 8, 8], digits.SelectMany(d => d.Pixels).ToArray()));
        ReferenceModel.AssertClose(expected["probabilities"].Values, outputs["probabilities"].Values, "probabilities");
    }

    [Fact]
    public async Task Infer_BinaryInBinaryOut_SameAsJson()
    {
        await Node.DeployOnnxAsync("bin_digits", "digits.onnx");
        var pixels = ReferenceModel.HeldOut.Skip(10).Take(2).SelectMany(d => d.Pixels).ToArray();
        var header = new JsonObject
        {
            ["inputs"] = new JsonArray(Oip.BinaryTensor("image", "FP32", [2, 1, 8, 8], pixels.Length * 4)),
            ["parameters"] = new JsonObject { ["binary_data_output"] = true },
        };

        using var binary = await Node.Http.InferBinaryAsync("v2/models/bin_digits/infer", header, Oip.Floats(pixels));
        using var json = await Node.Http.InferJsonAsync("v2/models/bin_digits/infer", Oip.Request(Oip.Tensor("image", "FP32", [2, 1, 8, 8], pixels)));

        Assert.True(binary.Headers.Contains(Oip.HeaderLength), "a binary response carries Inference-Header-Content-Length");
        Assert.Equal("application/octet-stream", binary.Content.Headers.ContentType!.MediaType);
        var (binaryHeader, fromBinary) = await Oip.OutputsAsync(binary);
        var (_, fromJson) = await Oip.OutputsAsync(json);
        Assert.All(binaryHeader["outputs"]!.AsArray(), o => Assert.Null(o!["data"]));
        Assert.Equal(fromJson["label"].Values, fromBinary["label"].Values);
        ReferenceModel.AssertClose(fromJson["probabilities"].Values, fromBinary["probabilities"].Values, "probabilities", tolerance: 1e-7);
    }

    [Fact]
    public async Task Infer_RequestedOutputs_OnlyThoseAndEachAsAsked()
    {
        await Node.DeployOnnxAsync("out_digits", "digits.onnx");
        var pixels = ReferenceModel.HeldOut[5].Pixels;
        var request = Oip.Request(Oip.Tensor("image", "FP32", [1, 1, 8, 8], pixels));
        request["outputs"] = new JsonArray(
            new JsonObject { ["name"] = "label", ["parameters"] = new JsonObject { ["binary_data"] = true } },
            new JsonObject { ["name"] = "probabilities" });

        using var response = await Node.Http.InferJsonAsync("v2/models/out_digits/infer", request);

        var (header, outputs) = await Oip.OutputsAsync(response);
        Assert.Equal(["label", "probabilities"], header["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal(8, header["outputs"]![0]!["parameters"]!["binary_data_size"]!.GetValue<int>());
        Assert.NotNull(header["outputs"]![1]!["data"]);
        Assert.Equal([(double)ReferenceModel.HeldOut[5].Label], outputs["label"].Values);
    }

    [Fact]
    public async Task Infer_MultiInputModelInBinary_NamedInputsOfTwoDatatypes()
    {
        await Node.DeployOnnxAsync("bin_tokens", "digits_tokens.onnx");
        var tokens = ReferenceModel.HeldOut.Take(2).SelectMany(d => d.Pixels.Take(48).Select(v => (long)v)).ToArray();
        var mask = Enumerable.Repeat(1f, 96).ToArray();
        var header = new JsonObject
        {
            ["inputs"] = new JsonArray(Oip.BinaryTensor("mask", "FP32", [2, 48], 96 * 4), Oip.BinaryTensor("tokens", "INT64", [2, 48], 96 * 8)),
        };

        using var response = await Node.Http.InferBinaryAsync("v2/models/bin_tokens/infer", header, Oip.Floats(mask), Oip.Longs(tokens));

        var (_, outputs) = await Oip.OutputsAsync(response);
        var expected = ReferenceModel.Run("digits_tokens.onnx", ("tokens", [2, 48], tokens), ("mask", [2, 48], mask));
        ReferenceModel.AssertClose(expected["probabilities"].Values, outputs["probabilities"].Values, "probabilities");
        Assert.Equal(expected["label"].Values, outputs["label"].Values);
    }

    [Theory]
    [InlineData("{", "The body is not valid JSON")]
    [InlineData("[]", "The body is an array; expected a JSON object with \"inputs\"")]
    [InlineData("""{"inputs":[{"name":"pixels","datatype":"FP32","shape":[1,1,8,8],"data":[]}]}""", "(64 elements) but its data has 0")]
    [InlineData("""{"inputs":[{"name":"pixels","datatype":"FP32","shape":[1],"data":[1]}]}""", "The model has no input 'pixels'; its inputs are: image.")]
    [InlineData("""{"inputs":[{"name":"image","datatype":"FP64","shape":[1],"data":[1]}]}""", "Input 'image' is FP32, not FP64.")]
    [InlineData("""{"inputs":[{"name":"image","datatype":"FP32","shape":[1,64],"data":[1]}]}""", "Input 'image' has shape [1, 64] (64 elements) but its data has 1.")]
    [InlineData("""{"inputs":[{"name":"image","datatype":"FP32","shape":[1,2],"data":[1,2]}]}""", "Input 'image' has shape [1, 2]; the model takes [-1, 1, 8, 8].")]
    [InlineData("""{"inputs":[]}""", "Input 'image' is missing")]
    [InlineData("""{"inputs":[{"name":"image","datatype":"FLOAT","shape":[1],"data":[1]}]}""", "datatype 'FLOAT'; known datatypes are BOOL")]
    public async Task Infer_BadRequest_400WithTheReason(string body, string expected)
    {
        using (var existing = await Node.Admin.GetAsync("api/backends/bad_digits"))
        {
            if (existing.StatusCode == HttpStatusCode.NotFound)
            {
                await Node.DeployOnnxAsync("bad_digits", "digits.onnx");
            }
        }

        using var response = await Node.Http.PostAsync("v2/models/bad_digits/infer", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(expected, await Oip.ErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_BadBinaryFraming_400()
    {
        await Node.DeployOnnxAsync("frame_digits", "digits.onnx");
        var header = Oip.Request(Oip.BinaryTensor("image", "FP32", [1, 1, 8, 8], 256));

        using var shortBody = await Node.Http.InferBinaryAsync("v2/models/frame_digits/infer", header, new byte[100]);
        Assert.Contains("binary_data_size 256 but only 100 bytes", await Oip.ErrorAsync(shortBody, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var message = new HttpRequestMessage(HttpMethod.Post, "v2/models/frame_digits/infer") { Content = new StringContent("{}") };
        message.Headers.Add(Oip.HeaderLength, "999");
        using var tooLong = await Node.Http.SendAsync(message);
        Assert.Contains("Inference-Header-Content-Length is 999 but the body has only 2 bytes", await Oip.ErrorAsync(tooLong, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_UnknownPathWrongMethodUnknownModel_ProtocolErrors()
    {
        using var unknownPath = await Node.Http.GetAsync("v2/repository/index");
        Assert.Contains("is not an Open Inference Protocol path", await Oip.ErrorAsync(unknownPath, HttpStatusCode.NotFound), StringComparison.Ordinal);
        using var get = await Node.Http.GetAsync("v2/models/anything/infer");
        await Oip.ErrorAsync(get, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("POST", string.Join(",", get.Content.Headers.Allow));
        using var post = await Node.Http.PostAsync("v2/models/anything", new StringContent("{}"));
        await Oip.ErrorAsync(post, HttpStatusCode.MethodNotAllowed);
        using var unknownModel = await Node.Http.PostAsync("v2/models/no_such_model/infer", new StringContent("{}"));
        Assert.Contains("Model 'no_such_model' does not exist", await Oip.ErrorAsync(unknownModel, HttpStatusCode.NotFound), StringComparison.Ordinal);
        using var unknownVersion = await Node.Http.PostAsync("v2/models/no_such_model/versions/v1/infer", new StringContent("{}"));
        await Oip.ErrorAsync(unknownVersion, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Infer_BodyOverTheLimit_413()
    {
        await Node.DeployOnnxAsync("big_digits", "digits.onnx");

        // Expect: 100-continue lets the node refuse before the client sends what it would not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/models/big_digits/infer") { Content = new ByteArrayContent(new byte[17 * 1024 * 1024]) };
        request.Headers.ExpectContinue = true;
        using var response = await Node.Http.SendAsync(request);

        Assert.Contains("exceeds the limit", await Oip.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_TimeoutAndFullQueue_504And503()
    {
        await Node.DeployAsync("slow_scaler", "Scaler", config: """{"request_timeout_s":0.3}""", initArgs: """{"delay_ms":3000}""", methods: """["POST"]""");
        await Node.DeployAsync("busy_scaler", "Scaler", config: """{"max_concurrent_queries":1,"max_queued_requests":0}""", initArgs: """{"delay_ms":3000}""", methods: """["POST"]""");
        var request = Oip.Request(Oip.Tensor("x", "FP32", [1, 2], new[] { 1f, 2f }));

        using var timedOut = await Node.Http.InferJsonAsync("v2/models/slow_scaler/infer", request);
        Assert.Contains("did not answer within request_timeout_s", await Oip.ErrorAsync(timedOut, HttpStatusCode.GatewayTimeout), StringComparison.Ordinal);

        // Two calls at once to a backend that takes one at a time and queues none: one is served, the other refused
        // at once. (Sent together, so a slow machine cannot let the first finish before the second arrives.)
        await Eventually.TrueAsync(async () =>
        {
            var calls = await Task.WhenAll(
                Node.Http.InferJsonAsync("v2/models/busy_scaler/infer", request.DeepClone().AsObject()),
                Node.Http.InferJsonAsync("v2/models/busy_scaler/infer", request.DeepClone().AsObject()));
            try
            {
                if (calls.SingleOrDefault(c => c.StatusCode == HttpStatusCode.ServiceUnavailable) is not { } refused)
                {
                    return false;
                }

                Assert.Contains("queue is full", await Oip.ErrorAsync(refused, HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
                Assert.Equal("1", refused.Headers.RetryAfter!.ToString());
                Assert.Equal(HttpStatusCode.OK, calls.Single(c => c != refused).StatusCode);
                return true;
            }
            finally
            {
                foreach (var call in calls)
                {
                    call.Dispose();
                }
            }
        }, "one of two calls at once to a busy backend with no queue refused with 503");
    }

    [Fact]
    public async Task Infer_CSharpTensorBackend_ServedLikeOnnx()
    {
        await Node.DeployAsync("cs_scaler", "Scaler", initArgs: """{"factor":3}""", methods: """["POST"]""");

        var model = await Node.Http.GetJsonAsync("v2/models/cs_scaler");
        Assert.Equal("dotnet", model["platform"]!.GetValue<string>());
        using var json = await Node.Http.InferJsonAsync("v2/models/cs_scaler/infer", Oip.Request(Oip.Tensor("x", "FP32", [2, 2], new[] { 1f, 2f, 3f, 4f })));
        var (_, outputs) = await Oip.OutputsAsync(json);
        Assert.Equal([3.0, 6.0, 9.0, 12.0], outputs["y"].Values);
        Assert.Equal([9.0, 21.0], outputs["total"].Values);

        var header = Oip.Request(Oip.BinaryTensor("x", "FP32", [1, 3], 12));
        header["parameters"] = new JsonObject { ["binary_data_output"] = true };
        using var binary = await Node.Http.InferBinaryAsync("v2/models/cs_scaler/infer", header, Oip.Floats([1f, 1f, 1f]));
        var total = (await Oip.OutputsAsync(binary)).Outputs["total"].Values;
        Assert.Equal(new[] { 9.0 }, total);
    }

    [Fact]
    public async Task Infer_BackendThatTakesNoTensors_400()
    {
        await Node.DeployAsync("plain_echo", "Echo", methods: """["POST"]""");

        using var infer = await Node.Http.InferJsonAsync("v2/models/plain_echo/infer", Oip.Request(Oip.Tensor("x", "FP32", [1], new[] { 1f })));
        Assert.Contains("does not take tensors", await Oip.ErrorAsync(infer, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var metadata = await Node.Http.GetAsync("v2/models/plain_echo");
        Assert.Contains("does not take tensors", await Oip.ErrorAsync(metadata, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEndpoint_RouteUnderV2_Refused()
    {
        await Node.DeployOnnxAsync("route_digits", "digits.onnx");

        using var response = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"v2_route","backend":"route_digits","route":"/v2/models/x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reserved for the Open Inference Protocol", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
