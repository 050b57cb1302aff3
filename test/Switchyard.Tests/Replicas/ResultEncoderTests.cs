using System.Text;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

public sealed class ResultEncoderTests
{
    [Fact]
    public void Encode_String_TextPlain()
    {
        var response = ResultEncoder.Encode("hé");
        Assert.Equal("text/plain; charset=utf-8", response.ContentType);
        Assert.Equal("hé", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Encode_Bytes_OctetStream()
    {
        Assert.Equal("application/octet-stream", ResultEncoder.Encode(new byte[] { 1 }).ContentType);
        Assert.Equal("application/octet-stream", ResultEncoder.Encode(new ReadOnlyMemory<byte>([1, 2])).ContentType);
    }

    [Fact]
    public void Encode_Null_EmptyOk()
    {
        var response = ResultEncoder.Encode(null);
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Body);
    }

    [Fact]
    public void Encode_Record_WebJson()
    {
        var response = ResultEncoder.Encode(new { LabelName = "x" });
        Assert.Equal("""{"labelName":"x"}""", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Failure_ServeException_KeepsStatusAndMessage()
    {
        var response = ResultEncoder.Failure(new ServeException(422, "bad shape"));
        Assert.Equal(422, response.StatusCode);
        Assert.Equal("bad shape", response.Detail);
    }

    [Fact]
    public void Failure_OtherException_500WithTypeAsTitle()
    {
        var response = ResultEncoder.Failure(new InvalidOperationException("nope"));
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("InvalidOperationException", response.Title);
        Assert.Equal("nope", response.Detail);
    }
}
