using System.Text;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard.Tests.Protocol;

public sealed class InferenceWriterTests
{
    private static readonly InferenceResponse Response = new(
    [
        InferenceTensor.Create("probabilities", [2, 2], new[] { 0.25f, 0.75f, 1f, 0f }),
        InferenceTensor.Create("label", [2], new[] { 1L, 0L }),
        InferenceTensor.CreateStrings("names", [1], ["é"]),
    ]);

    [Fact]
    public void TryWriteResponse_NoRequestedOutputs_AllOutputsAsJson()
    {
        var request = new InferenceRequest([]) { Id = "r1" };

        Assert.Null(InferenceWriter.TryWriteResponse(Response, request, "digits", "digits_v1", out var encoded));

        Assert.Null(encoded.HeaderLength);
        Assert.Equal(
            """{"model_name":"digits","model_version":"digits_v1","id":"r1","outputs":[{"name":"probabilities","datatype":"FP32","shape":[2,2],"data":[0.25,0.75,1,0]},{"name":"label","datatype":"INT64","shape":[2],"data":[1,0]},{"name":"names","datatype":"BYTES","shape":[1],"data":["é"]}]}""",
            Encoding.UTF8.GetString(encoded.Body));
    }

    [Fact]
    public void TryWriteResponse_RequestedOutputs_OnlyThoseInRequestedOrder()
    {
        var request = new InferenceRequest([]) { Outputs = [new RequestedOutput("label"), new RequestedOutput("probabilities")] };

        Assert.Null(InferenceWriter.TryWriteResponse(Response, request, "m", "v", out var encoded));

        using var json = JsonDocument.Parse(encoded.Body);
        Assert.Equal(["label", "probabilities"], json.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.False(json.RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public void TryWriteResponse_RequestedOutputMissingFromBackend_ReturnsProblem()
    {
        var request = new InferenceRequest([]) { Outputs = [new RequestedOutput("logits")] };

        var error = InferenceWriter.TryWriteResponse(Response, request, "m", "v", out _);

        Assert.Contains("returned no output 'logits'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteResponse_BinaryDataOutput_HeaderThenRawBytesThatReadBack()
    {
        var request = new InferenceRequest([])
        {
            Parameters = new Dictionary<string, JsonElement> { ["binary_data_output"] = JsonSerializer.SerializeToElement(true) },
            Outputs = [new RequestedOutput("probabilities"), new RequestedOutput("label", new Dictionary<string, JsonElement> { ["binary_data"] = JsonSerializer.SerializeToElement(false) }), new RequestedOutput("names")],
        };

        Assert.Null(InferenceWriter.TryWriteResponse(Response, request, "m", "v", out var encoded));

        Assert.NotNull(encoded.HeaderLength);
        using (var header = JsonDocument.Parse(encoded.Body.AsMemory(0, encoded.HeaderLength!.Value)))
        {
            var outputs = header.RootElement.GetProperty("outputs").EnumerateArray().ToArray();
            Assert.Equal(16, outputs[0].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
            Assert.False(outputs[0].TryGetProperty("data", out _));
            Assert.True(outputs[1].TryGetProperty("data", out _));
            Assert.Equal(6, outputs[2].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        }

        Assert.Equal(encoded.HeaderLength + 16 + 6, encoded.Body.Length);
        Assert.Null(InferenceReader.TryReadResponse(encoded.Body, encoded.HeaderLength, out var back));
        Assert.Equal([0.25f, 0.75f, 1f, 0f], back!.Output("probabilities")!.AsSpan<float>().ToArray());
        Assert.Equal([1L, 0L], back.Output("label")!.AsSpan<long>().ToArray());
        Assert.Equal(["é"], back.Output("names")!.ToStrings());
        Assert.Equal("m", back.ModelName);
        Assert.Equal("v", back.ModelVersion);
    }

    [Fact]
    public void WriteRequest_EveryDatatype_ReadsBackUnchanged()
    {
        InferenceTensor[] inputs =
        [
            InferenceTensor.Create("bool", [2], new[] { true, false }),
            InferenceTensor.Create("u8", [2], new byte[] { 0, 255 }),
            InferenceTensor.Create("u16", [2], new ushort[] { 1, 65535 }),
            InferenceTensor.Create("u32", [2], new uint[] { 2, uint.MaxValue }),
            InferenceTensor.Create("u64", [2], new ulong[] { 3, ulong.MaxValue }),
            InferenceTensor.Create("i8", [2], new sbyte[] { -128, 127 }),
            InferenceTensor.Create("i16", [2], new short[] { -5, 5 }),
            InferenceTensor.Create("i32", [2], new[] { int.MinValue, 6 }),
            InferenceTensor.Create("i64", [2], new[] { long.MinValue, 7L }),
            InferenceTensor.Create("f16", [2], new[] { (Half)0.5, (Half)(-1) }),
            InferenceTensor.Create("f32", [1, 2], new[] { float.Epsilon, -0f }),
            InferenceTensor.Create("f64", [2, 1], new[] { Math.PI, double.MaxValue }),
            InferenceTensor.CreateBytes("bytes", [2], [[0, 1, 2], []]),
        ];
        var request = new InferenceRequest(inputs) { Id = "abc", Outputs = [new RequestedOutput("y")] };

        var encoded = InferenceWriter.WriteRequest(request);

        Assert.NotNull(encoded.HeaderLength);
        Assert.Null(InferenceReader.TryReadRequest(encoded.Body, encoded.HeaderLength, out var back));
        Assert.Equal("abc", back!.Id);
        Assert.Equal(["y"], back.Outputs.Select(o => o.Name));
        Assert.True(back.Parameters["binary_data_output"].GetBoolean());
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i].Name, back.Inputs[i].Name);
            Assert.Equal(inputs[i].DataType, back.Inputs[i].DataType);
            Assert.Equal(inputs[i].Shape, back.Inputs[i].Shape);
            if (inputs[i].DataType == TensorDataType.Bytes)
            {
                Assert.Equal(inputs[i].AsBytes(), back.Inputs[i].AsBytes());
            }
            else
            {
                Assert.Equal(inputs[i].RawBytes().ToArray(), back.Inputs[i].RawBytes().ToArray());
            }
        }
    }

    [Fact]
    public void TryWriteResponse_NonFiniteFloats_WrittenAsNamedLiterals()
    {
        var response = new InferenceResponse([InferenceTensor.Create("y", [3], new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })]);

        Assert.Null(InferenceWriter.TryWriteResponse(response, null, "m", "v", out var encoded));

        Assert.Contains("\"data\":[\"NaN\",\"Infinity\",\"-Infinity\"]", Encoding.UTF8.GetString(encoded.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteNested_RowOfMatrix_WritesNestedByShape()
    {
        var tensor = InferenceTensor.Create("x", [2, 2, 3], Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonTensorWriter.WriteNested(writer, tensor, 6, [2, 3]);
        }

        Assert.Equal("[[6,7,8],[9,10,11]]", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void ModelMetadata_WritesProtocolShape()
    {
        var metadata = new ModelMetadata(
            [new TensorMetadata("image", TensorDataType.Fp32, [-1, 1, 8, 8])],
            [new TensorMetadata("label", TensorDataType.Int64, [-1])],
            "onnxruntime_onnx");

        var body = ProtocolJson.ModelMetadata("digits", ["v1", "v2"], metadata);

        Assert.Equal(
            """{"name":"digits","versions":["v1","v2"],"platform":"onnxruntime_onnx","inputs":[{"name":"image","datatype":"FP32","shape":[-1,1,8,8]}],"outputs":[{"name":"label","datatype":"INT64","shape":[-1]}]}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Error_WritesErrorObject()
    {
        Assert.Equal("""{"error":"bad \"x\" isn't <ok>"}""", Encoding.UTF8.GetString(ProtocolJson.Error("bad \"x\" isn't <ok>")));
    }
}
