using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

public sealed class ServeRequestReaderTests
{
    [Fact]
    public void Query_EncodedRepeatedAndBareNames_DecodedLastValueWins()
    {
        var query = ServeRequestReader.Query("?a=1&b=x+y&a=2&&c&%20d=%2F%C3%A9");
        Assert.NotNull(query);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b"] = "x y", ["c"] = "", [" d"] = "/é" }, query);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    public void Query_Empty_Null(string? queryString) => Assert.Null(ServeRequestReader.Query(queryString));

    [Fact]
    public void Read_Headers_CaseInsensitiveLastWins()
    {
        var request = ServeRequestReader.Read(new ReplicaRequest
        {
            Method = "GET",
            Path = "/p",
            QueryString = "?ms=5",
            Headers = [new("X-A", "1"), new("x-a", "2")],
            Body = [],
            ShardKey = "k",
        });
        Assert.Equal("2", request.Headers["X-A"]);
        Assert.Equal("5", request.Query["ms"]);
        Assert.Equal("k", request.ShardKey);
    }

    [Fact]
    public void Read_HttpHeaders_ReadInPlaceFromTheRequestsOwnPairs()
    {
        KeyValuePair<string, string>[] pairs = [new("Host", "h"), new("Accept", "text/plain")];
        var request = ServeRequestReader.Read(new ReplicaRequest { Method = "GET", Path = "/p", Headers = pairs, Body = [] });

        Assert.Equal(2, request.Headers.Count);
        Assert.Equal("text/plain", request.Headers["accept"]);
        Assert.Same(request.Headers, request.Headers); // one view, built on first use
        Assert.False(request.Headers.ContainsKey("X-Missing"));
    }

    [Fact]
    public void Read_NoHeaders_EmptyView()
    {
        var request = ServeRequestReader.Read(new ReplicaRequest { Method = "GET", Path = "/p", Body = [] });

        Assert.Empty(request.Headers);
        Assert.Empty(request.Query);
    }

    [Fact]
    public void Read_HandleContentType_TheSharedView()
    {
        var pairs = SharedHeaders.ForContentType("application/json")!;

        var first = ServeRequestReader.Read(new ReplicaRequest { Method = "POST", Path = "/p", Headers = pairs, Body = [] });
        var second = ServeRequestReader.Read(new ReplicaRequest { Method = "POST", Path = "/p", Headers = pairs, Body = [] });

        Assert.Same(first.Headers, second.Headers);
        Assert.Equal("application/json", first.Headers["Content-Type"]);
    }
}
