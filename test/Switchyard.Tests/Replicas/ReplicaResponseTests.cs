using System.Text;
using Switchyard.Runtime.Replicas;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Replicas;

/// <summary>A text answer stays text until its bytes are asked for, and crosses nodes as bytes.</summary>
public sealed class ReplicaResponseTests
{
    [Fact]
    public void Serializer_TextAnswer_CrossesAsItsUtf8Bytes()
    {
        var response = new ReplicaResponse { StatusCode = 201, ContentType = "text/plain; charset=utf-8", Text = "héllo ✓" };

        var back = NodeSerializer.RoundTrip(response);

        Assert.Equal(201, back.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", back.ContentType);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo ✓"), back.Body);
        Assert.Null(back.Text); // on the other node it is bytes only
    }

    [Fact]
    public void Serializer_BytesAnswer_Unchanged()
    {
        var back = NodeSerializer.RoundTrip(new ReplicaResponse { StatusCode = 200, Body = [1, 2, 3] });

        Assert.Equal([1, 2, 3], back.Body);
    }

    [Fact]
    public void UnencodedText_UntilTheBytesAreAskedFor_ThenNull()
    {
        var response = ResultEncoder.Encode("abc");
        Assert.Equal("abc", response.UnencodedText);

        Assert.Equal("abc"u8.ToArray(), response.Body);

        Assert.Null(response.UnencodedText);
        Assert.Same(response.Body, response.Body); // encoded once
    }

    [Fact]
    public void Body_NoTextNoBytes_Empty() => Assert.Empty(new ReplicaResponse { StatusCode = 204 }.Body);
}
