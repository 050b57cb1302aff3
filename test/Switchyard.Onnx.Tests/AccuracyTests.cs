using System.Text.Json;

namespace Switchyard.Onnx.Tests;

/// <summary>The committed models do what models/accuracy.json says, measured here through the backend on the held-out digits.</summary>
public sealed class AccuracyTests
{
    [Theory]
    [InlineData(TestData.Digits, 0.95)]
    [InlineData(TestData.Tokens, 0.9)]
    public async Task HeldOutAccuracy_MatchesTheRecordedOne(string model, double floor)
    {
        using var backend = TestData.Backend(model);
        var rows = TestData.HeldOut.Count;
        var input = model == TestData.Digits
            ? TestData.Infer(TestData.Images(0, rows))
            : TestData.Infer(OnnxBackendBatchTests.Tokens(rows, 64, seed: 0));

        var response = Assert.IsType<InferenceResponse>(Assert.Single(await backend.CallBatchAsync([input], CancellationToken.None)));

        var labels = response.Output("label")!.AsSpan<long>().ToArray();
        var accuracy = labels.Where((label, i) => label == TestData.HeldOut[i].Label).Count() / (double)rows;
        using var recorded = JsonDocument.Parse(File.ReadAllText(TestData.Model("accuracy.json")));
        var expected = recorded.RootElement.GetProperty(model).GetProperty("held_out_accuracy").GetDouble();
        Assert.True(accuracy >= floor, $"{model}: held-out accuracy {accuracy:0.0000} is below {floor}");

        // Training measured it in PyTorch; ONNX Runtime may round one borderline image differently.
        Assert.True(Math.Abs(accuracy - expected) <= (1.0 / rows) + 1e-9, $"{model}: measured {accuracy:0.0000}, accuracy.json says {expected}");
        Assert.Equal(rows, recorded.RootElement.GetProperty(model).GetProperty("held_out").GetInt32());
    }

    [Fact]
    public async Task ReadmeExample_DigitThree_LabelledThree()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var json = Results.Json(Assert.Single(await backend.CallBatchAsync([TestData.Request(File.ReadAllText(TestData.Model("digit-3.json")))], CancellationToken.None)));

        Assert.Equal(3, json["label"]!.GetValue<int>());
    }
}
