using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx.Tests;

/// <summary>Loading models: metadata, the init args, and the models the backend refuses.</summary>
public sealed class OnnxBackendTests
{
    [Fact]
    public void Constructor_Digits_MetadataFromTheModel()
    {
        using var backend = TestData.Backend(TestData.Digits);

        var metadata = backend.Metadata;
        Assert.Equal("onnxruntime_onnx", metadata.Platform);
        var image = Assert.Single(metadata.Inputs);
        Assert.Equal(("image", TensorDataType.Fp32), (image.Name, image.DataType));
        Assert.Equal([-1L, 1, 8, 8], image.Shape);
        Assert.Equal(["probabilities", "label"], metadata.Outputs.Select(o => o.Name));
        Assert.Equal([TensorDataType.Fp32, TensorDataType.Int64], metadata.Outputs.Select(o => o.DataType));
        Assert.Equal([-1L, 10], metadata.Outputs[0].Shape);
        Assert.Equal([-1L], metadata.Outputs[1].Shape);
        Assert.True(backend.IsBatchable);
    }

    [Fact]
    public void Constructor_Tokens_TwoInputsOfDifferentDatatypesWithDynamicLength()
    {
        using var backend = TestData.Backend(TestData.Tokens);

        Assert.Equal(["tokens", "mask"], backend.Metadata.Inputs.Select(i => i.Name));
        Assert.Equal([TensorDataType.Int64, TensorDataType.Fp32], backend.Metadata.Inputs.Select(i => i.DataType));
        Assert.All(backend.Metadata.Inputs, i => Assert.Equal([-1L, -1], i.Shape));
        Assert.True(backend.IsBatchable);
    }

    [Fact]
    public void Constructor_FixedFirstDimension_LoadsUnbatchable()
    {
        using var backend = TestData.Backend(TestData.FixedBatch);

        Assert.False(backend.IsBatchable);
        Assert.Equal([1L, 3], backend.Metadata.Inputs[0].Shape);
    }

    [Fact]
    public void Constructor_SequenceOutput_RefusedNamingTheOutputAndTheRemedy()
    {
        var ex = Assert.Throws<NotSupportedException>(() => TestData.Backend(TestData.SequenceOutput));

        Assert.Equal(
            "Output 'parts' of 'sequence_output.onnx' is a sequence, not a tensor, so OnnxBackend cannot return it. Leave it out with the init arg outputs, e.g. outputs: [y] (its tensor outputs).",
            ex.Message);
    }

    [Fact]
    public void Constructor_SequenceOutputLeftOut_Loads()
    {
        using var backend = TestData.Backend(TestData.SequenceOutput, outputs: ["y"]);

        Assert.Equal(["y"], backend.Metadata.Outputs.Select(o => o.Name));
        Assert.True(backend.IsBatchable);
    }

    [Fact]
    public void Constructor_OutputsSubset_OnlyThoseInMetadata()
    {
        using var backend = TestData.Backend(TestData.Digits, outputs: ["label"]);

        Assert.Equal(["label"], backend.Metadata.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData(new[] { "logits" }, "The model 'digits.onnx' has no output 'logits'; its outputs are: probabilities, label.")]
    [InlineData(new[] { "label", "label" }, "The init arg outputs names 'label' twice.")]
    [InlineData(new string[0], "The init arg outputs is empty")]
    public void Constructor_BadOutputs_ThrowsNamingThem(string[] outputs, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => TestData.Backend(TestData.Digits, outputs: outputs));

        Assert.Equal("outputs", ex.ParamName);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestData.Digits)]
    [InlineData(TestData.Tokens)]
    [InlineData(TestData.Bench)]
    [InlineData(TestData.AllTypes)]
    [InlineData(TestData.FixedBatch)]
    [InlineData(TestData.RowSums)]
    public async Task Constructor_Warmup_LoadsAndServes(string model)
    {
        using var backend = TestData.Backend(model, warmup: true);

        var first = backend.Metadata.Inputs[0];
        Assert.NotNull(first);
        Assert.Empty(await backend.CallBatchAsync([], CancellationToken.None));
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("basic")]
    [InlineData("extended")]
    [InlineData("ALL")]
    public void Constructor_GraphOptimizationLevel_Accepted(string level)
    {
        using var backend = new OnnxBackend(TestData.Context(), TestData.Model(TestData.Digits), graphOptimizationLevel: level);

        Assert.True(backend.IsBatchable);
    }

    [Fact]
    public void Constructor_UnknownGraphOptimizationLevel_ThrowsListingLevels()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxBackend(TestData.Context(), TestData.Model(TestData.Digits), graphOptimizationLevel: "max"));

        Assert.Equal("graphOptimizationLevel", ex.ParamName);
        Assert.Contains("'max' is not one of disabled, basic, extended, all", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CudaWithoutGpu_ThrowsNamingNumGpus()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxBackend(TestData.Context(), TestData.Model(TestData.Digits), cuda: true));

        Assert.Equal("cuda", ex.ParamName);
        Assert.Contains("resources.num_gpus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CudaOnCpuOnlyOnnxRuntime_FailsWithOnnxRuntimesMessage()
    {
        var ex = Record.Exception(() => new OnnxBackend(TestData.Context(gpuIds: [0]), TestData.Model(TestData.Digits), cuda: true));

        Assert.NotNull(ex);
        Assert.Contains("CUDA", ex.Message, StringComparison.OrdinalIgnoreCase);
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
        Assert.Equal(TestData.Model(TestData.Digits), backend.ModelPath);
    }

    [Fact]
    public void Constructor_ZeroThreads_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new OnnxBackend(TestData.Context(), TestData.Model(TestData.Digits), intraOpThreads: 0));

        Assert.Equal("intraOpThreads", ex.ParamName);
    }

    [Fact]
    public async Task CallBatchAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var backend = TestData.Backend(TestData.Digits);
        backend.Dispose();
        backend.Dispose(); // a second Dispose is harmless

        await Assert.ThrowsAsync<ObjectDisposedException>(
            async () => await backend.CallBatchAsync([TestData.Request(TestData.HeldOut[0].Pixels)], CancellationToken.None));
    }

    [Fact]
    public async Task CallBatchAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var backend = TestData.Backend(TestData.Digits);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await backend.CallBatchAsync([TestData.Request(TestData.HeldOut[0].Pixels)], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Alias_IsOnnx()
    {
        Assert.Equal("onnx", OnnxBackend.Alias);
    }
}
