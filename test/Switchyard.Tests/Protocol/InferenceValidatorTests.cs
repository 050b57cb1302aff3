using Switchyard.Protocol;

namespace Switchyard.Tests.Protocol;

public sealed class InferenceValidatorTests
{
    private static readonly ModelMetadata Model = new(
        [new TensorMetadata("tokens", TensorDataType.Int64, [-1, -1]), new TensorMetadata("mask", TensorDataType.Fp32, [-1, -1])],
        [new TensorMetadata("label", TensorDataType.Int64, [-1])]);

    private static readonly ModelMetadata Image = new(
        [new TensorMetadata("image", TensorDataType.Fp32, [-1, 1, 8, 8])],
        [new TensorMetadata("label", TensorDataType.Int64, [-1])]);

    [Fact]
    public void Validate_MatchingRequest_NoProblem()
    {
        var request = new InferenceRequest([Tokens(2, 5), Mask(2, 5)]) { Outputs = [new RequestedOutput("label")] };

        Assert.Null(InferenceValidator.Validate(request, Model));
    }

    [Fact]
    public void Validate_UnknownInput_NamesTheModelsInputs()
    {
        var request = new InferenceRequest([Tokens(1, 1), Mask(1, 1), InferenceTensor.Create("extra", [1], new[] { 1f })]);

        Assert.Equal("the model has no input 'extra'; its inputs are: tokens, mask", InferenceValidator.Validate(request, Model));
    }

    [Fact]
    public void Validate_MissingInput_NamesItWithItsShape()
    {
        Assert.Equal(
            "input 'mask' is missing (FP32 [-1, -1]); every input of the model is required",
            InferenceValidator.Validate(new InferenceRequest([Tokens(1, 3)]), Model));
    }

    [Fact]
    public void Validate_WrongDatatype_NamesBoth()
    {
        var request = new InferenceRequest([InferenceTensor.Create("tokens", [1, 1], new[] { 1f }), Mask(1, 1)]);

        Assert.Equal("input 'tokens' is INT64, not FP32", InferenceValidator.Validate(request, Model));
    }

    [Theory]
    [InlineData(new long[] { 1, 64 })]
    [InlineData(new long[] { 1, 1, 8, 9 })]
    [InlineData(new long[] { 2, 2, 8, 8 })]
    public void Validate_WrongRankOrFixedDimension_NamesShapes(long[] shape)
    {
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        var request = new InferenceRequest([InferenceTensor.Create("image", shape, new float[count])]);

        Assert.Equal($"input 'image' has shape {Shapes.Format(shape)}; the model takes [-1, 1, 8, 8]", InferenceValidator.Validate(request, Image));
    }

    [Fact]
    public void Validate_UnknownRequestedOutput_NamesOutputs()
    {
        var request = new InferenceRequest([InferenceTensor.Create("image", [1, 1, 8, 8], new float[64])]) { Outputs = [new RequestedOutput("logits")] };

        Assert.Equal("the model has no output 'logits'; its outputs are: label", InferenceValidator.Validate(request, Image));
    }

    private static InferenceTensor Tokens(int rows, int length) => InferenceTensor.Create("tokens", [rows, length], new long[rows * length]);

    private static InferenceTensor Mask(int rows, int length) => InferenceTensor.Create("mask", [rows, length], new float[rows * length]);
}
