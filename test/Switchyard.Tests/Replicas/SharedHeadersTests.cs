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
        Assert.Same(SharedHeaders.ViewOf(first), SharedHeaders.ViewOf(second));
        Assert.Equal(contentType, SharedHeaders.ViewOf(first)["content-type"]);
    }

    [Fact]
    public void ForContentType_OtherType_OwnArrayAndOwnView()
    {
        var first = SharedHeaders.ForContentType("application/x-custom")!;
        var second = SharedHeaders.ForContentType("application/x-custom")!;

        Assert.NotSame(first, second);
        Assert.NotSame(SharedHeaders.ViewOf(first), SharedHeaders.ViewOf(second));
        Assert.Equal("application/x-custom", SharedHeaders.ViewOf(first)["Content-Type"]);
    }

    [Fact]
    public void ForContentType_None_NoHeaders() => Assert.Null(SharedHeaders.ForContentType(null));

    [Fact]
    public void ViewOf_ArrayEqualToASharedOneButNotIt_ItsOwnView()
    {
        // An HTTP request whose only header happens to be the same pair still gets a view of its own array.
        KeyValuePair<string, string>[] pairs = [new("Content-Type", "application/json")];

        var view = SharedHeaders.ViewOf(pairs);

        Assert.NotSame(SharedHeaders.ViewOf(SharedHeaders.ForContentType("application/json")!), view);
        Assert.Equal("application/json", view["Content-Type"]);
    }
}
