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
}
