using Switchyard.Protocol;

namespace Switchyard.Tests.Protocol;

public sealed class ShapesTests
{
    [Theory]
    [InlineData(new long[] { }, 1)]
    [InlineData(new long[] { 2, 3 }, 6)]
    [InlineData(new long[] { 1000, 0, 3 }, 0)]
    [InlineData(new long[] { 0, 2147482623 }, 0)]
    [InlineData(new long[] { 2147482623 }, 2147482623)]
    public void ElementCount_DimensionsWithinTheLimit_TheirProduct(long[] shape, long expected) =>
        Assert.Equal(expected, Shapes.ElementCount(shape));

    [Theory]
    [InlineData(new long[] { 2147482624 })]
    [InlineData(new long[] { 1000000000000, 0 })]
    [InlineData(new long[] { 0, 4294967296, 4294967296 })]
    [InlineData(new long[] { 65536, 0, 65536 })]
    [InlineData(new long[] { 2, -1 })]
    [InlineData(new long[] { 0, -1 })]
    public void ElementCount_ProductOfNonZeroDimensionsPastTheLimitOrNegative_MinusOne(long[] shape) =>
        Assert.Equal(-1, Shapes.ElementCount(shape));
}
