using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Tests.Diagnostics;

public sealed class StatusTextsTests
{
    [Theory]
    [InlineData(200, "200")]
    [InlineData(503, "503")]
    [InlineData(999, "999")]
    [InlineData(-1, "-1")]
    public void Of_AnyStatus_ItsDecimalText(int status, string expected) => Assert.Equal(expected, StatusTexts.Of(status));

    [Fact]
    public void Of_CommonStatus_SameInstanceEveryTime() => Assert.Same(StatusTexts.Of(404), StatusTexts.Of(404));
}
