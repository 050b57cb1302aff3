namespace Switchyard.Onnx.Tests;

/// <summary>
/// Batching never changes an answer: for every committed model, a batch of requests with several rows each, mixed
/// protocol and own-route requests, equals ONNX Runtime run directly on each request's rows alone.
/// </summary>
public sealed class OnnxBackendBatchTests
{
    public static TheoryData<string> Models => [TestData.Digits, TestData.Tokens, TestData.Bench];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CallBatchAsync_SeveralRowsPerRequest_EqualsOnnxRuntimeOnEachRequestAlone(string model)
    {
        using var backend = TestData.Backend(model);
        var rowCounts = new[] { 1, 3, 2, 5, 1, 4 };
        var examples = rowCounts.Select((rows, i) => Example(model, rows, seed: i)).ToArray();
        var requests = examples.Select((e, i) => i % 2 == 0 ? TestData.Infer(e.Tensors) : TestData.Request(e.Simple)).ToArray();

        var results = await backend.CallBatchAsync(requests, CancellationToken.None);

        for (var i = 0; i < examples.Length; i++)
        {
            var expected = DirectOnnx.Run(TestData.Model(model), examples[i].Tensors.Select(t => (t.Name, t.Shape.ToArray(), Data(t))).ToArray());
            foreach (var (name, (shape, values)) in expected)
            {
                if (i % 2 == 0)
                {
                    var output = Assert.IsType<InferenceResponse>(results[i]).Output(name)!;
                    Assert.Equal(shape, output.Shape);
                    Results.AssertClose(values, Doubles(output));
                }
                else
                {
                    Results.AssertClose(values, Results.Flat(Results.Json(results[i])[name]));
                }
            }
        }
    }

    [Fact]
    public async Task CallBatchAsync_DifferentSequenceLengths_GroupedAndEachAnsweredFromItsOwnRows()
    {
        using var backend = TestData.Backend(TestData.Tokens);
        var lengths = new[] { 64, 40, 64, 48, 40 };
        var examples = lengths.Select((length, i) => Tokens(rows: 2, length, seed: i)).ToArray();

        var results = await backend.CallBatchAsync(examples.Select(e => TestData.Infer(e)).ToArray(), CancellationToken.None);

        for (var i = 0; i < examples.Length; i++)
        {
            var expected = DirectOnnx.Run(TestData.Model(TestData.Tokens), examples[i].Select(t => (t.Name, t.Shape.ToArray(), Data(t))).ToArray());
            Results.AssertClose(expected["probabilities"].Values, Doubles(Assert.IsType<InferenceResponse>(results[i]).Output("probabilities")!));
        }
    }

    internal static (InferenceTensor[] Tensors, object Simple) Example(string model, int rows, int seed)
    {
        switch (model)
        {
            case TestData.Digits:
                var image = TestData.Images(seed * 7, rows);
                return ([image], new { inputs = image.AsSpan<float>().ToArray() });
            case TestData.Tokens:
                var tokens = Tokens(rows, 64, seed);
                return (tokens, new { inputs = new { tokens = Rows(tokens[0].AsSpan<long>().ToArray(), rows), mask = Rows(tokens[1].AsSpan<float>().ToArray(), rows) } });
            default:
                var values = TestData.RandomValues(rows * 256, seed);
                return ([InferenceTensor.Create("input", [rows, 256], values)], new { inputs = Rows(values, rows) });
        }
    }

    /// <summary>Held-out digits as token sequences of <paramref name="length"/> pixels with a full mask.</summary>
    internal static InferenceTensor[] Tokens(int rows, int length, int seed)
    {
        var digits = TestData.HeldOut.Skip(seed * 5).Take(rows).ToArray();
        var tokens = digits.SelectMany(d => d.Pixels.Take(length).Select(v => (long)v)).ToArray();
        return
        [
            InferenceTensor.Create("tokens", [rows, length], tokens),
            InferenceTensor.Create("mask", [rows, length], Enumerable.Repeat(1f, rows * length).ToArray()),
        ];
    }

    private static T[][] Rows<T>(T[] values, int rows) => values.Chunk(values.Length / rows).ToArray();

    private static Array Data(InferenceTensor tensor) => tensor.DataType == TensorDataType.Int64 ? tensor.AsSpan<long>().ToArray() : tensor.AsSpan<float>().ToArray();

    private static double[] Doubles(InferenceTensor tensor) => tensor.DataType == TensorDataType.Int64
        ? tensor.AsSpan<long>().ToArray().Select(v => (double)v).ToArray()
        : tensor.AsSpan<float>().ToArray().Select(v => (double)v).ToArray();

}
