namespace Switchyard.Tests.Client;

public sealed class HandleResultTests
{
    [Fact]
    public void Bytes_TextAnswer_ItsUtf8Encoding()
    {
        var result = new HandleResult(200, "text/plain; charset=utf-8", ReadOnlyMemory<byte>.Empty, null, null, Text: "hé");
        Assert.Equal("hé"u8.ToArray(), result.Bytes.ToArray());
    }

    [Fact]
    public void Bytes_BytesAnswer_TheBody()
    {
        var result = new HandleResult(200, "application/octet-stream", new byte[] { 7, 8 }, null, null);
        Assert.Equal([7, 8], result.Bytes.ToArray());
    }
}
