using System.Text.Json;

namespace Switchyard.Onnx.Tests;

/// <summary>The endpoint's own route: one row, several rows, inputs by name, and every way a body can be wrong.</summary>
public sealed class OnnxBackendSimpleFormTests
{
    [Fact]
    public async Task CallBatchAsync_OneFlatRow_OutputsByNameWithoutTheBatchDimension()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var (label, pixels) = TestData.HeldOut[0];

        var json = Results.Json(Assert.Single(await backend.CallBatchAsync([TestData.Request(pixels)], CancellationToken.None)));

        Assert.Equal(["probabilities", "label"], json.Select(p => p.Key));
        Assert.Equal(label, json["label"]!.GetValue<int>());
        var expected = DirectOnnx.Run(TestData.Model(TestData.Digits), ("image", [1, 1, 8, 8], pixels));
        Results.AssertClose(expected["probabilities"].Values, Results.Flat(json["probabilities"]));
        Assert.Equal(10, json["probabilities"]!.AsArray().Count);
    }

    [Fact]
    public async Task CallBatchAsync_NestedRow_SameAsFlat()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var pixels = TestData.HeldOut[1].Pixels;
        var nested = Enumerable.Range(0, 8).Select(r => pixels.Skip(r * 8).Take(8).ToArray()).ToArray();

        var results = await backend.CallBatchAsync([TestData.Request(pixels), TestData.Request(nested), TestData.Request(new[] { nested })], CancellationToken.None);

        var flat = Results.Json(results[0]).ToJsonString();
        Assert.Equal(flat, Results.Json(results[1]).ToJsonString());
        Assert.Equal(flat, Results.Json(results[2]).ToJsonString());
    }

    [Fact]
    public async Task CallBatchAsync_SeveralRows_OneOutputRowEach()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var rows = TestData.HeldOut.Take(3).ToArray();

        var json = Results.Json(Assert.Single(await backend.CallBatchAsync(
            [TestData.Request(new { inputs = rows.Select(r => r.Pixels).ToArray() })], CancellationToken.None)));

        Assert.Equal(rows.Select(r => (double)r.Label), Results.Flat(json["label"]));
        Assert.Equal(3, json["probabilities"]!.AsArray().Count);
    }

    [Fact]
    public async Task CallBatchAsync_FullShapeWithOneRow_KeepsTheBatchDimension()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var pixels = TestData.HeldOut[2].Pixels;
        var full = new[] { new[] { Enumerable.Range(0, 8).Select(r => pixels.Skip(r * 8).Take(8).ToArray()).ToArray() } };

        var json = Results.Json(Assert.Single(await backend.CallBatchAsync([TestData.Request(full)], CancellationToken.None)));

        Assert.Equal([(double)TestData.HeldOut[2].Label], Results.Flat(json["label"]));
        Assert.IsType<System.Text.Json.Nodes.JsonArray>(json["label"]);
    }

    [Fact]
    public async Task CallBatchAsync_MultiInputByName_OneRowAndSeveralRows()
    {
        using var backend = TestData.Backend(TestData.Tokens);
        var tokens = TestData.HeldOut.Take(2).Select(d => d.Pixels.Select(v => (long)v).ToArray()).ToArray();
        var mask = Enumerable.Repeat(1f, 64).ToArray();

        var results = await backend.CallBatchAsync(
        [
            TestData.Request(new { inputs = new { tokens = tokens[0], mask } }),
            TestData.Request(new { inputs = new { mask = new[] { mask, mask }, tokens } }),
        ], CancellationToken.None);

        var one = Results.Json(results[0]);
        var two = Results.Json(results[1]);
        var expected = DirectOnnx.Run(TestData.Model(TestData.Tokens), ("tokens", [2, 64], tokens.SelectMany(t => t).ToArray()), ("mask", [2, 64], mask.Concat(mask).ToArray()));
        Assert.Equal(expected["label"].Values[0], one["label"]!.GetValue<double>());
        Assert.Equal(expected["label"].Values, Results.Flat(two["label"]));
        Results.AssertClose(expected["probabilities"].Values, Results.Flat(two["probabilities"]));
    }

    [Theory]
    [InlineData("[1, 2, 3]", "Input 'image': got 3 values nested as [3]; input 'image' takes FP32 rows of shape [1, 8, 8] (64 values each)")]
    [InlineData("[[1, 2], [3]]", "got 3 values, nested unevenly")]
    [InlineData("""["a"]""", "element 0 is a string, not a number (FP32)")]
    [InlineData("[1e39]", "out of the FP32 range")]
    [InlineData("""{"inputs": 5}""", "\"inputs\" is a number")]
    [InlineData("""{"input": [1]}""", "without \"inputs\"")]
    [InlineData("""{"inputs": {"pixels": [1]}}""", "The model has no input 'pixels'; its inputs are: image (")]
    [InlineData("null", "The request body is null")]
    [InlineData("\"text\"", "The request body is a string")]
    [InlineData("", "The request body is empty")]
    [InlineData("   ", "not valid JSON")]
    [InlineData("[1, 2", "not valid JSON")]
    [InlineData("""{"inputs": {"im\ud800age": [1]}}""", "not valid JSON text")]
    [InlineData("[]", "got 0 values")]
    public async Task CallBatchAsync_InvalidBody_Returns400NamingTheProblemAndTheExpectedShape(string body, string reason)
    {
        using var backend = TestData.Backend(TestData.Digits);

        var detail = Results.Problem(Assert.Single(await backend.CallBatchAsync([TestData.Request(body)], CancellationToken.None)));

        Assert.Contains(reason, detail, StringComparison.Ordinal);
        Assert.Contains("rows of shape [1, 8, 8]", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "The model has 2 inputs (tokens, mask); send {\"inputs\": {\"tokens\": [...], ...}}")]
    [InlineData("""{"inputs": {"tokens": [1, 2]}}""", "Input 'mask' is missing")]
    [InlineData("""{"inputs": {"tokens": [1.5], "mask": [1]}}""", "(1.5) is not an integer (INT64)")]
    [InlineData("""{"inputs": {"tokens": [[1], [2]], "mask": [1]}}""", "The inputs disagree on the number of rows (their first dimension): 'tokens' has 2, 'mask' has 1.")]
    [InlineData("""{"inputs": {"tokens": [1], "tokens": [1]}}""", "Input 'tokens' is given twice.")]
    public async Task CallBatchAsync_InvalidMultiInputBody_Returns400(string body, string reason)
    {
        using var backend = TestData.Backend(TestData.Tokens);

        var detail = Results.Problem(Assert.Single(await backend.CallBatchAsync([TestData.Request(body)], CancellationToken.None)));

        Assert.Contains(reason, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_ValidRowWithTrailingContent_Returns400()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var body = JsonSerializer.Serialize(TestData.HeldOut[0].Pixels) + " [2]";

        var detail = Results.Problem(Assert.Single(await backend.CallBatchAsync([TestData.Request(body)], CancellationToken.None)));

        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_MixedValidAndInvalid_OneResultPerRequestInOrder()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var digits = TestData.HeldOut.Take(4).ToArray();
        ServeRequest[] requests =
        [
            TestData.Request(digits[0].Pixels),
            TestData.Request(digits[0].Pixels[..63]),
            TestData.Request(digits[1].Pixels),
            TestData.Request("""["a", "b"]"""),
            TestData.Request(new { inputs = new[] { digits[2].Pixels, digits[3].Pixels } }),
            TestData.Request(string.Empty),
        ];

        var results = await backend.CallBatchAsync(requests, CancellationToken.None);

        Assert.Equal(requests.Length, results.Count);
        Assert.Equal(digits[0].Label, Results.Json(results[0])["label"]!.GetValue<int>());
        Results.Problem(results[1]);
        Assert.Equal(digits[1].Label, Results.Json(results[2])["label"]!.GetValue<int>());
        Results.Problem(results[3]);
        Assert.Equal([digits[2].Label, digits[3].Label], Results.Flat(Results.Json(results[4])["label"]).Select(v => (int)v));
        Results.Problem(results[5]);

        // Packing around the bad requests must not shift or mix up the good ones.
        var alone = await backend.CallBatchAsync([requests[2]], CancellationToken.None);
        Assert.Equal(Results.Json(alone[0]).ToJsonString(), Results.Json(results[2]).ToJsonString());
    }

    [Fact]
    public void Prepare_InvalidBody_Throws400()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var ex = Assert.Throws<ServeException>(() => backend.Prepare(TestData.Request("[1, 2, 3]")));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("64 values each", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_PreparedAndUnpreparedMixed_SameResults()
    {
        using var backend = TestData.Backend(TestData.Digits);
        var plain = TestData.HeldOut.Take(6).Select(d => TestData.Request(d.Pixels)).ToArray();
        var prepared = TestData.HeldOut.Take(6).Select((d, i) =>
        {
            var request = TestData.Request(d.Pixels);
            if (i % 2 == 0)
            {
                request.Prepared = backend.Prepare(request);
            }

            return request;
        }).ToArray();

        var expected = await backend.CallBatchAsync(plain, CancellationToken.None);
        var actual = await backend.CallBatchAsync(prepared, CancellationToken.None);

        Assert.Equal(expected.Select(r => Results.Json(r).ToJsonString()), actual.Select(r => Results.Json(r).ToJsonString()));
    }

    [Fact]
    public async Task CallBatchAsync_UnbatchableModel_EachRequestRunsAlone()
    {
        using var backend = TestData.Backend(TestData.FixedBatch);

        var results = await backend.CallBatchAsync([TestData.Request("[1, 2, 3]"), TestData.Request("[[4, 5, 6]]"), TestData.Request("[1, 2]")], CancellationToken.None);

        Assert.Equal("""{"y":[[2,4,6]]}""", Results.Json(results[0]).ToJsonString());
        Assert.Equal("""{"y":[[8,10,12]]}""", Results.Json(results[1]).ToJsonString());
        Assert.Contains("input 'x' takes one FP32 tensor of shape [1, 3]", Results.Problem(results[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_DynamicRowLengthsInOneBatch_EachAnsweredFromItsOwnRows()
    {
        using var backend = TestData.Backend(TestData.RowSums);

        var results = await backend.CallBatchAsync(
            [TestData.Request("[1, 2, 3]"), TestData.Request("[[1, 1], [2, 2]]"), TestData.Request("[4, 5, 6]"), TestData.Request("[10]")],
            CancellationToken.None);

        Assert.Equal("""{"total":6,"same":[1,2,3]}""", Results.Json(results[0]).ToJsonString());
        Assert.Equal("""{"total":[2,4],"same":[[1,1],[2,2]]}""", Results.Json(results[1]).ToJsonString());
        Assert.Equal("""{"total":15,"same":[4,5,6]}""", Results.Json(results[2]).ToJsonString());
        Assert.Equal("""{"total":10,"same":[10]}""", Results.Json(results[3]).ToJsonString());
    }
}
