namespace Switchyard.Onnx.Tests;

/// <summary>Requests that came through the Open Inference Protocol: tensors in, tensors out.</summary>
public sealed class OnnxBackendProtocolTests
{
    [Fact]
    public async Task CallBatchAsync_ProtocolRequest_EveryOutputWithItsRows()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var response = Assert.IsType<InferenceResponse>(Assert.Single(await backend.CallBatchAsync([TestData.Infer(TestData.Images(0, 3))], CancellationToken.None)));

        Assert.Equal(["probabilities", "label"], response.Outputs.Select(o => o.Name));
        Assert.Equal([3L, 10], response.Output("probabilities")!.Shape);
        Assert.Equal([3L], response.Output("label")!.Shape);
        Assert.Equal(TestData.HeldOut.Take(3).Select(d => (long)d.Label), response.Output("label")!.AsSpan<long>().ToArray());
    }

    [Fact]
    public async Task CallBatchAsync_EveryDatatype_PassesThroughUnchanged()
    {
        using var backend = TestData.Backend(TestData.AllTypes);
        InferenceTensor[] inputs =
        [
            InferenceTensor.Create("x_bool", [1, 2], new[] { true, false }),
            InferenceTensor.Create("x_uint8", [1, 2], new byte[] { 0, 255 }),
            InferenceTensor.Create("x_uint16", [1, 2], new ushort[] { 1, 65535 }),
            InferenceTensor.Create("x_uint32", [1, 2], new uint[] { 2, uint.MaxValue }),
            InferenceTensor.Create("x_uint64", [1, 2], new ulong[] { 3, ulong.MaxValue }),
            InferenceTensor.Create("x_int8", [1, 2], new sbyte[] { -128, 127 }),
            InferenceTensor.Create("x_int16", [1, 2], new short[] { -32768, 32767 }),
            InferenceTensor.Create("x_int32", [1, 2], new[] { int.MinValue, int.MaxValue }),
            InferenceTensor.Create("x_int64", [1, 2], new[] { long.MinValue, long.MaxValue }),
            InferenceTensor.Create("x_fp16", [1, 2], new[] { (Half)0.5, (Half)(-65504) }),
            InferenceTensor.Create("x_fp32", [1, 2], new[] { 1.5f, float.Epsilon }),
            InferenceTensor.Create("x_fp64", [1, 2], new[] { Math.E, -1e300 }),
            InferenceTensor.CreateStrings("x_bytes", [1, 2], ["héllo", string.Empty]),
        ];
        var other = inputs.Select(i => Stack(i, i)).ToArray();

        var results = await backend.CallBatchAsync([TestData.Infer(inputs), TestData.Infer(other)], CancellationToken.None);

        var one = Assert.IsType<InferenceResponse>(results[0]);
        var two = Assert.IsType<InferenceResponse>(results[1]);
        foreach (var (input, stacked) in inputs.Zip(other))
        {
            var output = one.Output("y_" + input.Name[2..])!;
            Assert.Equal(input.DataType, output.DataType);
            Assert.Equal(input.Shape, output.Shape);
            Assert.Equal(Describe(input), Describe(output));
            Assert.Equal([2L, 2], two.Output(output.Name)!.Shape);
            Assert.Equal(Describe(stacked), Describe(two.Output(output.Name)!));
        }
    }

    [Theory]
    [InlineData("wrong datatype", "input 'image' is FP32, not FP64")]
    [InlineData("wrong shape", "input 'image' has shape [1, 64]; the model takes [-1, 1, 8, 8]")]
    [InlineData("unknown input", "the model has no input 'pixels'; its inputs are: image")]
    [InlineData("missing input", "input 'image' is missing (FP32 [-1, 1, 8, 8])")]
    public async Task CallBatchAsync_ProtocolRequestNotFittingTheModel_400WithTheReason(string mistake, string expected)
    {
        using var backend = TestData.Backend(TestData.Digits);
        InferenceTensor[] inputs = mistake switch
        {
            "wrong datatype" => [InferenceTensor.Create("image", [1, 1, 8, 8], new double[64])],
            "wrong shape" => [InferenceTensor.Create("image", [1, 64], new float[64])],
            "unknown input" => [TestData.Images(0, 1), InferenceTensor.Create("pixels", [1], new float[1])],
            _ => [],
        };

        var results = await backend.CallBatchAsync([TestData.Infer(inputs), TestData.Infer(TestData.Images(0, 1))], CancellationToken.None);

        Assert.StartsWith(expected, Results.Problem(results[0]), StringComparison.Ordinal);
        Assert.IsType<InferenceResponse>(results[1]);
    }

    [Fact]
    public async Task CallBatchAsync_InputsDisagreeOnRows_400()
    {
        using var backend = TestData.Backend(TestData.Tokens);

        var result = Assert.Single(await backend.CallBatchAsync(
            [TestData.Infer(InferenceTensor.Create("tokens", [2, 3], new long[6]), InferenceTensor.Create("mask", [3, 2], new float[6]))], CancellationToken.None));

        Assert.Equal("The inputs disagree on the number of rows (their first dimension): 'tokens' has 2, 'mask' has 3.", Results.Problem(result));
    }

    [Fact]
    public async Task CallBatchAsync_ZeroRows_400()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var result = Assert.Single(await backend.CallBatchAsync([TestData.Infer(InferenceTensor.Create("image", [0, 1, 8, 8], Array.Empty<float>()))], CancellationToken.None));

        Assert.Equal("Input 'image' has no rows (its first dimension is 0).", Results.Problem(result));
    }

    [Fact]
    public async Task CallBatchAsync_ZeroDimensionBesideAMillionRows_400ForThatRequestOnly()
    {
        // [1000000, 0] holds no values but would have the model run (and answer) a million rows.
        using var backend = TestData.Backend(TestData.Tokens);
        var good = TestData.HeldOut[0].Pixels.Select(v => (long)v).ToArray();
        var mask = Enumerable.Repeat(1f, 64).ToArray();

        var results = await backend.CallBatchAsync(
        [
            TestData.Infer(InferenceTensor.Create("tokens", [1, 64], good), InferenceTensor.Create("mask", [1, 64], mask)),
            TestData.Infer(InferenceTensor.Create("tokens", [1_000_000, 0], Array.Empty<long>()), InferenceTensor.Create("mask", [1_000_000, 0], Array.Empty<float>())),
            TestData.Infer(InferenceTensor.Create("tokens", [1, 64], good), InferenceTensor.Create("mask", [1, 64], mask)),
        ], CancellationToken.None);

        Assert.Equal([1L, 10], Assert.IsType<InferenceResponse>(results[0]).Output("probabilities")!.Shape);
        Assert.Equal($"Input 'tokens' has 1000000 rows (its first dimension); a request carries at most {OnnxRequests.MaxRows}.", Results.Problem(results[1]));
        Assert.Equal([1L, 10], Assert.IsType<InferenceResponse>(results[2]).Output("probabilities")!.Shape);
    }

    [Fact]
    public async Task CallBatchAsync_RowsPastTheLimit_400()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var rows = OnnxRequests.MaxRows + 1;

        var result = Assert.Single(await backend.CallBatchAsync([TestData.Infer(InferenceTensor.Create("image", [rows, 1, 8, 8], new float[rows * 64]))], CancellationToken.None));

        Assert.Equal($"Input 'image' has {rows} rows (its first dimension); a request carries at most {OnnxRequests.MaxRows}.", Results.Problem(result));
    }

    [Fact]
    public async Task CallBatchAsync_RequestsTogetherPastTheRowLimit_RunApartAndEachAnsweredWithItsRows()
    {
        using var backend = TestData.Backend(TestData.Digits);
        int[] rows = [OnnxRequests.MaxRows / 2, OnnxRequests.MaxRows / 2, 3];

        var results = await backend.CallBatchAsync(rows.Select(r => TestData.Infer(InferenceTensor.Create("image", [r, 1, 8, 8], new float[r * 64]))).ToArray(), CancellationToken.None);

        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i], Assert.IsType<InferenceResponse>(results[i]).Outputs[0].Shape[0]);
        }
    }

    [Fact]
    public async Task CallBatchAsync_OneRequestFailsInOnnxRuntime_OnlyThatRequestFails()
    {
        using var backend = TestData.Backend(TestData.Tokens);
        var good = TestData.HeldOut[0].Pixels.Select(v => (long)v).ToArray();
        var bad = good.Select(_ => 99L).ToArray(); // token ids are 0..16: the embedding lookup fails
        var mask = Enumerable.Repeat(1f, 64).ToArray();

        var results = await backend.CallBatchAsync(
        [
            TestData.Infer(InferenceTensor.Create("tokens", [1, 64], good), InferenceTensor.Create("mask", [1, 64], mask)),
            TestData.Infer(InferenceTensor.Create("tokens", [1, 64], bad), InferenceTensor.Create("mask", [1, 64], mask)),
            TestData.Infer(InferenceTensor.Create("tokens", [1, 64], good), InferenceTensor.Create("mask", [1, 64], mask)),
        ], CancellationToken.None);

        Assert.IsType<InferenceResponse>(results[0]);
        var detail = Results.Problem(results[1], 400);
        Assert.StartsWith("The model refused the input's values: ", detail, StringComparison.Ordinal);
        Assert.Contains("Gather", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            Assert.IsType<InferenceResponse>(results[0]).Output("probabilities")!.AsSpan<float>().ToArray(),
            Assert.IsType<InferenceResponse>(results[2]).Output("probabilities")!.AsSpan<float>().ToArray());
    }

    [Fact]
    public async Task CallBatchAsync_UnbatchableModelProtocolRequests_EachRunsAlone()
    {
        using var backend = TestData.Backend(TestData.FixedBatch);

        var results = await backend.CallBatchAsync(
        [
            TestData.Infer(InferenceTensor.Create("x", [1, 3], new[] { 1f, 2f, 3f })),
            TestData.Infer(InferenceTensor.Create("x", [1, 3], new[] { -1f, 0f, 1f })),
        ], CancellationToken.None);

        Assert.Equal([2f, 4f, 6f], Assert.IsType<InferenceResponse>(results[0]).Output("y")!.AsSpan<float>().ToArray());
        Assert.Equal([-2f, 0f, 2f], Assert.IsType<InferenceResponse>(results[1]).Output("y")!.AsSpan<float>().ToArray());
    }

    private static InferenceTensor Stack(InferenceTensor a, InferenceTensor b)
    {
        long[] shape = [a.Shape[0] + b.Shape[0], .. a.Shape.Skip(1)];
        return a.DataType switch
        {
            TensorDataType.Bytes => InferenceTensor.CreateBytes(a.Name, shape, [.. a.AsBytes(), .. b.AsBytes()]),
            _ => Join(a, b, shape),
        };
    }

    private static InferenceTensor Join(InferenceTensor a, InferenceTensor b, long[] shape) => a.DataType switch
    {
        TensorDataType.Bool => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<bool>(), .. b.AsSpan<bool>()]),
        TensorDataType.UInt8 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<byte>(), .. b.AsSpan<byte>()]),
        TensorDataType.UInt16 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<ushort>(), .. b.AsSpan<ushort>()]),
        TensorDataType.UInt32 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<uint>(), .. b.AsSpan<uint>()]),
        TensorDataType.UInt64 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<ulong>(), .. b.AsSpan<ulong>()]),
        TensorDataType.Int8 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<sbyte>(), .. b.AsSpan<sbyte>()]),
        TensorDataType.Int16 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<short>(), .. b.AsSpan<short>()]),
        TensorDataType.Int32 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<int>(), .. b.AsSpan<int>()]),
        TensorDataType.Int64 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<long>(), .. b.AsSpan<long>()]),
        TensorDataType.Fp16 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<Half>(), .. b.AsSpan<Half>()]),
        TensorDataType.Fp32 => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<float>(), .. b.AsSpan<float>()]),
        _ => InferenceTensor.Create(a.Name, shape, [.. a.AsSpan<double>(), .. b.AsSpan<double>()]),
    };

    private static string Describe(InferenceTensor t) => t.DataType switch
    {
        TensorDataType.Bytes => string.Join("|", t.ToStrings()) + ";",
        TensorDataType.Bool => string.Join(",", t.AsSpan<bool>().ToArray()) + ";",
        TensorDataType.UInt8 => string.Join(",", t.AsSpan<byte>().ToArray()) + ";",
        TensorDataType.UInt16 => string.Join(",", t.AsSpan<ushort>().ToArray()) + ";",
        TensorDataType.UInt32 => string.Join(",", t.AsSpan<uint>().ToArray()) + ";",
        TensorDataType.UInt64 => string.Join(",", t.AsSpan<ulong>().ToArray()) + ";",
        TensorDataType.Int8 => string.Join(",", t.AsSpan<sbyte>().ToArray()) + ";",
        TensorDataType.Int16 => string.Join(",", t.AsSpan<short>().ToArray()) + ";",
        TensorDataType.Int32 => string.Join(",", t.AsSpan<int>().ToArray()) + ";",
        TensorDataType.Int64 => string.Join(",", t.AsSpan<long>().ToArray()) + ";",
        TensorDataType.Fp16 => string.Join(",", t.AsSpan<Half>().ToArray()) + ";",
        TensorDataType.Fp32 => string.Join(",", t.AsSpan<float>().ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ";",
        _ => string.Join(",", t.AsSpan<double>().ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ";",
    };
}
