using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx.Tests;

public sealed class OnnxBackendTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task CallBatchAsync_PrototypeDigit_ReturnsTenProbabilitiesSummingToOneWithItsLabel(int digit)
    {
        using var backend = TestData.Backend(TestData.Digits);

        var results = await backend.CallBatchAsync([TestData.Request(DigitPatterns.Pixels(digit))], CancellationToken.None);

        var result = Assert.IsType<OnnxResult>(Assert.Single(results));
        Assert.Equal(10, result.Output.Length);
        Assert.All(result.Output, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, result.Output.Sum(p => (double)p), 4);
        Assert.Equal(digit, result.Label);
        Assert.True(result.Output[digit] > 0.9f, $"P({digit}) = {result.Output[digit]}");
    }

    [Fact]
    public async Task CallBatchAsync_DimmedPrototypes_KeepTheirLabels()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var requests = Enumerable.Range(0, 10).Select(d => TestData.Request(DigitPatterns.Pixels(d, ink: 0.7f))).ToArray();

        var results = await backend.CallBatchAsync(requests, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10), results.Select(r => Assert.IsType<OnnxResult>(r).Label));
    }

    [Fact]
    public async Task CallBatchAsync_InputsObject_ReturnsSameAsBareArray()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var pixels = DigitPatterns.Pixels(4);
        var wrapped = $$"""{"inputs": {{JsonSerializer.Serialize(pixels)}}, "comment": "ignored"}""";

        var results = await backend.CallBatchAsync([TestData.Request(pixels), TestData.Request(wrapped)], CancellationToken.None);

        var bare = Assert.IsType<OnnxResult>(results[0]);
        var fromObject = Assert.IsType<OnnxResult>(results[1]);
        Assert.Equal(4, fromObject.Label);
        Assert.Equal(bare.Output, fromObject.Output);
    }

    [Fact]
    public async Task CallBatchAsync_MixedValidAndInvalid_ReturnsOneResultPerRequestInOrderWith400ForInvalid()
    {
        using var backend = TestData.Backend(TestData.Digits);
        ServeRequest[] requests =
        [
            TestData.Request(DigitPatterns.Pixels(3)),
            TestData.Request(DigitPatterns.Pixels(3)[..63]),
            TestData.Request(DigitPatterns.Pixels(7)),
            TestData.Request("""["a", "b"]"""),
            TestData.Request("[1, 2"),
            TestData.Request(DigitPatterns.Pixels(1)),
            TestData.Request([.. DigitPatterns.Pixels(1), 0f]),
            TestData.Request(string.Empty),
            TestData.Request(DigitPatterns.Pixels(9)),
        ];

        var results = await backend.CallBatchAsync(requests, CancellationToken.None);

        Assert.Equal(requests.Length, results.Count);
        int?[] expectedLabels = [3, null, 7, null, null, 1, null, null, 9];
        for (var i = 0; i < requests.Length; i++)
        {
            if (expectedLabels[i] is { } label)
            {
                Assert.Equal(label, Assert.IsType<OnnxResult>(results[i]).Label);
            }
            else
            {
                AssertBadRequest(results[i], "exactly 64 numbers");
            }
        }

        // Packing around the bad rows must not shift or mix up the good ones.
        var alone = await backend.CallBatchAsync([requests[5]], CancellationToken.None);
        Assert.Equal(Assert.IsType<OnnxResult>(alone[0]).Output, Assert.IsType<OnnxResult>(results[5]).Output, Close);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "The input has 3 numbers")]
    [InlineData("""["a"]""", "Element 0 is a JSON string")]
    [InlineData("[[1, 2]]", "Element 0 is a JSON array")]
    [InlineData("[0, true]", "Element 1 is a JSON boolean")]
    [InlineData("[1e39]", "Element 0 is out of the float32 range")]
    [InlineData("""{"inputs": 5}""", "\"inputs\" is a JSON number")]
    [InlineData("""{"input": [1]}""", "without \"inputs\"")]
    [InlineData("null", "is a JSON null")]
    [InlineData("\"text\"", "is a JSON string")]
    [InlineData("", "empty")]
    [InlineData("   ", "not valid JSON")]
    [InlineData("[1, 2", "not valid JSON")]
    public async Task CallBatchAsync_InvalidBody_Returns400NamingExpectedLength(string body, string reason)
    {
        using var backend = TestData.Backend(TestData.Digits);

        var results = await backend.CallBatchAsync([TestData.Request(body)], CancellationToken.None);

        var detail = AssertBadRequest(Assert.Single(results), "exactly 64 numbers");
        Assert.Contains(reason, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_ValidArrayWithTrailingContent_Returns400()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var body = JsonSerializer.Serialize(DigitPatterns.Pixels(2)) + " [2]";

        var results = await backend.CallBatchAsync([TestData.Request(body)], CancellationToken.None);

        var detail = AssertBadRequest(Assert.Single(results), "exactly 64 numbers");
        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_BatchOfDigits_EqualsOneByOneOutputs()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var examples = Enumerable.Range(0, 10).Select(d => DigitPatterns.Pixels(d))
            .Concat(TestData.RandomRows(6, 64, seed: 1).Select(r => r.Select(Math.Abs).ToArray()))
            .ToArray();

        await AssertBatchEqualsOneByOneAsync(backend, examples);
    }

    [Fact]
    public async Task CallBatchAsync_BenchModelBatchOf32_EqualsOneByOneOutputs()
    {
        using var backend = TestData.Backend(TestData.Bench);

        await AssertBatchEqualsOneByOneAsync(backend, TestData.RandomRows(32, 256, seed: 2));
    }

    [Fact]
    public async Task CallBatchAsync_AllInvalid_Returns400ForEach()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var results = await backend.CallBatchAsync([TestData.Request("[]"), TestData.Request("{}")], CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => AssertBadRequest(r, "exactly 64 numbers"));
    }

    [Fact]
    public async Task CallBatchAsync_EmptyBatch_ReturnsNoResults()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var results = await backend.CallBatchAsync([], CancellationToken.None);

        Assert.Empty(results);
    }

    [Fact]
    public async Task CallBatchAsync_Result_SerializesAsOutputAndLabel()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var results = await backend.CallBatchAsync([TestData.Request(DigitPatterns.Pixels(6))], CancellationToken.None);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(results[0], results[0]!.GetType(), ServeJson.Options));

        Assert.Equal(["output", "label"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, json.RootElement.GetProperty("output").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("label").GetInt32());
    }

    [Fact]
    public async Task CallBatchAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var backend = TestData.Backend(TestData.Digits);
        backend.Dispose();
        backend.Dispose(); // a second Dispose is harmless

        await Assert.ThrowsAsync<ObjectDisposedException>(
            async () => await backend.CallBatchAsync([TestData.Request(DigitPatterns.Pixels(0))], CancellationToken.None));
    }

    [Fact]
    public async Task CallBatchAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var backend = TestData.Backend(TestData.Digits);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await backend.CallBatchAsync([TestData.Request(DigitPatterns.Pixels(0))], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Constructor_MissingModelFile_ThrowsFileNotFoundNamingPath()
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "models", "no-such-model.onnx");

        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxBackend(TestData.Context(), missing));

        Assert.Equal(missing, ex.FileName);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NotAnOnnxFile_ThrowsOnnxRuntimeException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchyard-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "this is not a model");
        try
        {
            Assert.Throws<OnnxRuntimeException>(() => new OnnxBackend(TestData.Context(), path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.5, 1)]
    [InlineData(1, 1)]
    [InlineData(2.7, 2)]
    [InlineData(4, 4)]
    public void Constructor_NoThreadCount_UsesReplicaContextThreadCount(double numCpus, int expected)
    {
        using var backend = new OnnxBackend(TestData.Context(numCpus), TestData.Model(TestData.Digits));

        Assert.Equal(expected, backend.IntraOpThreads);
    }

    [Fact]
    public void Constructor_ExplicitThreadCount_OverridesReplicaContext()
    {
        using var backend = new OnnxBackend(TestData.Context(numCpus: 4), TestData.Model(TestData.Digits), intraOpThreads: 1);

        Assert.Equal(1, backend.IntraOpThreads);
    }

    [Fact]
    public void Constructor_ZeroThreads_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new OnnxBackend(TestData.Context(), TestData.Model(TestData.Digits), intraOpThreads: 0));

        Assert.Equal("intraOpThreads", ex.ParamName);
    }

    [Theory]
    [InlineData(TestData.Digits, "probabilities", 64)]
    [InlineData(TestData.Bench, "output", 256)]
    public void Constructor_NoNames_UsesModelsFirstInputAndOutput(string model, string output, int features)
    {
        using var backend = TestData.Backend(model);

        Assert.Equal("input", backend.InputName);
        Assert.Equal(output, backend.OutputName);
        Assert.Equal(features, backend.FeatureCount);
        Assert.Equal(TestData.Model(model), backend.ModelPath);
    }

    [Fact]
    public void Constructor_ExplicitNames_AreUsed()
    {
        using var backend = TestData.Backend(TestData.Digits, input: "input", output: "probabilities");

        Assert.Equal("input", backend.InputName);
        Assert.Equal("probabilities", backend.OutputName);
    }

    [Fact]
    public void Constructor_UnknownInputName_ThrowsNamingModelInputs()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestData.Backend(TestData.Digits, input: "pixels"));

        Assert.Equal("input", ex.ParamName);
        Assert.Contains("no input 'pixels'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its inputs are: input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownOutputName_ThrowsNamingModelOutputs()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestData.Backend(TestData.Digits, output: "logits"));

        Assert.Equal("output", ex.ParamName);
        Assert.Contains("no output 'logits'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its outputs are: probabilities", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_IsOnnx()
    {
        Assert.Equal("onnx", OnnxBackend.Alias);
    }

    private static readonly IEqualityComparer<float> Close =
        EqualityComparer<float>.Create((a, b) => Math.Abs(a - b) <= 1e-5f + (1e-4f * Math.Abs(b)), _ => 0);

    private static async Task AssertBatchEqualsOneByOneAsync(OnnxBackend backend, float[][] examples)
    {
        var batch = await backend.CallBatchAsync([.. examples.Select(TestData.Request)], CancellationToken.None);

        Assert.Equal(examples.Length, batch.Count);
        for (var i = 0; i < examples.Length; i++)
        {
            var single = Assert.IsType<OnnxResult>(Assert.Single(await backend.CallBatchAsync([TestData.Request(examples[i])], CancellationToken.None)));
            var batched = Assert.IsType<OnnxResult>(batch[i]);

            // One row and many rows may take different CPU kernels, so allow float rounding differences.
            Assert.Equal(single.Output, batched.Output, Close);
            Assert.Equal(single.Label, batched.Label);
        }
    }

    /// <summary>Checks a per-item 400 problem+json result and returns its detail.</summary>
    private static string AssertBadRequest(object? result, string detailFragment)
    {
        var response = Assert.IsType<ServeResponse>(result);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("Bad Request", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        var detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(detailFragment, detail, StringComparison.Ordinal);
        return detail;
    }
}
