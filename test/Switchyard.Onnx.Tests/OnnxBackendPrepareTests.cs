namespace Switchyard.Onnx.Tests;

/// <summary>Per-request preparation: parsing moved out of the batch call must not change any answer.</summary>
public sealed class OnnxBackendPrepareTests
{
    [Fact]
    public void Prepare_ValidBody_RowOfFeatureCountNumbers()
    {
        using var backend = TestData.Backend("digits.onnx");
        var row = Assert.IsType<float[]>(backend.Prepare(TestData.Request(DigitPatterns.Pixels(5))));
        Assert.Equal(DigitPatterns.Pixels(5), row);
    }

    [Fact]
    public void Prepare_WrongLength_Throws400NamingTheLength()
    {
        using var backend = TestData.Backend("digits.onnx");
        var ex = Assert.Throws<ServeException>(() => backend.Prepare(TestData.Request("[1, 2, 3]")));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("exactly 64 numbers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallBatchAsync_PreparedAndUnpreparedMixed_SameResultsAsUnprepared()
    {
        using var backend = TestData.Backend("digits.onnx");
        var plain = Enumerable.Range(0, 10).Select(d => TestData.Request(DigitPatterns.Pixels(d))).ToArray();
        var prepared = Enumerable.Range(0, 10).Select(d =>
        {
            var request = TestData.Request(DigitPatterns.Pixels(d));
            if (d % 2 == 0)
            {
                request.Prepared = backend.Prepare(request);
            }

            return request;
        }).ToArray();

        var expected = await backend.CallBatchAsync(plain, CancellationToken.None);
        var actual = await backend.CallBatchAsync(prepared, CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            var e = Assert.IsType<OnnxResult>(expected[i]);
            var a = Assert.IsType<OnnxResult>(actual[i]);
            Assert.Equal(e.Label, a.Label);
            Assert.Equal(e.Output, a.Output);
        }
    }
}
