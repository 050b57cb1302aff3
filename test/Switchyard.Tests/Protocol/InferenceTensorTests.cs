namespace Switchyard.Tests.Protocol;

public sealed class InferenceTensorTests
{
    [Fact]
    public void Create_ElementTypeGivesDatatype()
    {
        Assert.Equal(TensorDataType.Fp32, InferenceTensor.Create("x", [1], new[] { 1f }).DataType);
        Assert.Equal(TensorDataType.Int64, InferenceTensor.Create("x", [1], new[] { 1L }).DataType);
        Assert.Equal(TensorDataType.Bool, InferenceTensor.Create("x", [1], new[] { true }).DataType);
        Assert.Equal(TensorDataType.Fp16, InferenceTensor.Create("x", [1], new[] { Half.One }).DataType);
        Assert.Equal(TensorDataType.Bytes, InferenceTensor.CreateStrings("x", [1], ["a"]).DataType);
    }

    [Fact]
    public void Create_ShapeDisagreesWithData_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => InferenceTensor.Create("x", [2, 2], new float[3]));

        Assert.Contains("Shape [2, 2] holds 4 elements but the data has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeDimension_Throws()
    {
        Assert.Throws<ArgumentException>(() => InferenceTensor.Create("x", [-1], new float[1]));
    }

    [Fact]
    public void Create_TypeWithoutDatatype_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => InferenceTensor.Create("x", [1], new[] { 'c' }));

        Assert.Contains("Char has no Open Inference Protocol datatype", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsSpan_WrongElementType_ThrowsNamingBoth()
    {
        var tensor = InferenceTensor.Create("x", [1], new[] { 1L });

        var ex = Assert.Throws<InvalidOperationException>(() => tensor.AsSpan<float>().ToArray());

        Assert.Equal("Tensor 'x' is INT64; its elements are Int64, not Single.", ex.Message);
    }
}
