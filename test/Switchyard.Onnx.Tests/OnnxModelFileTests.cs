using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx.Tests;

/// <summary>The protobuf reading the controller's create-time check relies on, against ONNX Runtime's own view.</summary>
public sealed class OnnxModelFileTests
{
    [Theory]
    [InlineData(TestData.Digits)]
    [InlineData(TestData.Tokens)]
    [InlineData(TestData.Bench)]
    [InlineData(TestData.AllTypes)]
    [InlineData(TestData.FixedBatch)]
    [InlineData(TestData.SequenceOutput)]
    [InlineData(TestData.RowSums)]
    public void Read_CommittedModel_SameInputsAndOutputsAsOnnxRuntime(string model)
    {
        var file = OnnxModelFile.Read(TestData.Model(model));
        using var session = new InferenceSession(TestData.Model(model));

        Assert.Equal(session.InputNames, file.Inputs.Select(i => i.Name));
        Assert.Equal(session.OutputNames, file.Outputs.Select(o => o.Name));
        foreach (var (declared, name) in file.Inputs.Zip(session.InputNames).Concat(file.Outputs.Zip(session.OutputNames)))
        {
            var metadata = session.InputMetadata.TryGetValue(name, out var m) ? m : session.OutputMetadata[name];
            Assert.Equal(metadata.IsTensor, declared.IsTensor);
            if (metadata.IsTensor)
            {
                Assert.Equal(metadata.Dimensions.Select(d => (long)d), declared.Dims!);
            }
        }
    }

    [Theory]
    [InlineData(TestData.FixedBatch, 4, "is 4 but model '{0}' cannot batch: input 'x' has a fixed first dimension (shape [1, 3]), so requests cannot be stacked along it; use max_batch_size 1")]
    [InlineData(TestData.FixedBatch, 1, null)]
    [InlineData(TestData.Digits, 32, null)]
    [InlineData(TestData.SequenceOutput, 8, null)]
    public void ValidateSpec_MaxBatchSizeAgainstTheModel(string model, int maxBatchSize, string? expected)
    {
        var path = TestData.Model(model);
        var spec = Spec(JsonSerializer.SerializeToElement(new { model = path }), maxBatchSize);

        var problems = OnnxBackend.ValidateSpec(spec).ToList();

        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            var problem = Assert.Single(problems);
            Assert.Equal("config.max_batch_size", problem.Path);
            Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValidateSpec_PositionalInitArgs_Checked()
    {
        var spec = Spec(JsonSerializer.SerializeToElement(new object[] { TestData.Model(TestData.FixedBatch) }), 2);

        Assert.Single(OnnxBackend.ValidateSpec(spec));
    }

    [Fact]
    public void ValidateSpec_FileMissingOrNotAModel_LeftToTheReplicas()
    {
        var garbage = Path.Combine(Path.GetTempPath(), $"switchyard-garbage-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(garbage, [0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2]);
        try
        {
            Assert.Empty(OnnxBackend.ValidateSpec(Spec(JsonSerializer.SerializeToElement(new { model = garbage }), 8)));
            Assert.Empty(OnnxBackend.ValidateSpec(Spec(JsonSerializer.SerializeToElement(new { model = "/no/such/model.onnx" }), 8)));
            Assert.Throws<InvalidDataException>(() => OnnxModelFile.Read(garbage));
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    private static BackendSpec Spec(JsonElement initArgs, int maxBatchSize) => new()
    {
        Class = "onnx",
        InitArgs = initArgs,
        Config = new BackendConfig { MaxBatchSize = maxBatchSize },
    };
}
