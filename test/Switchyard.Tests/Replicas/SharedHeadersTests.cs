using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

public sealed class SharedHeadersTests
{
    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/octet-stream")]
    [InlineData("application/json")]
    public void ForContentType_HandleTypes_OneArrayAndOneViewForEveryCall(string contentType)
    {
        var first = SharedHeaders.ForContentType(contentType)!;
        var second = SharedHeaders.ForContentType(contentType)!;

        Assert.Same(first, second);
        Assert.Same(SharedHeaders.SharedViewOf(first), SharedHeaders.SharedViewOf(second));
        Assert.Equal(contentType, SharedHeaders.SharedViewOf(first)!["content-type"]);
    }

    [Fact]
    public void ForContentType_OtherType_OwnArrayAndNoSharedView()
    {
        var first = SharedHeaders.ForContentType("application/x-custom")!;
        var second = SharedHeaders.ForContentType("application/x-custom")!;

        Assert.NotSame(first, second);
        Assert.Null(SharedHeaders.SharedViewOf(first));
        Assert.Equal("application/x-custom", Assert.Single(first).Value);
    }

    [Fact]
    public void ForContentType_None_NoHeaders() => Assert.Null(SharedHeaders.ForContentType(null));

    [Fact]
    public void SharedViewOf_ArrayEqualToASharedOneButNotIt_Null()
    {
        // An HTTP request whose only header happens to be the same pair still reads its own array.
        KeyValuePair<string, string>[] pairs = [new("Content-Type", "application/json")];

        Assert.Null(SharedHeaders.SharedViewOf(pairs));
    }
}
