using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

/// <summary>A text answer stays text until its bytes are asked for, and crosses nodes as bytes.</summary>
public sealed class ReplicaResponseTests
{
    [Fact]
    public void Serializer_TextAnswer_CrossesAsItsUtf8Bytes()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var response = new ReplicaResponse { StatusCode = 201, ContentType = "text/plain; charset=utf-8", Text = "héllo ✓" };

        var back = serializer.Deserialize<ReplicaResponse>(serializer.SerializeToArray(response))!;

        Assert.Equal(201, back.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", back.ContentType);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo ✓"), back.Body);
        Assert.Null(back.Text); // on the other node it is bytes only
    }

    [Fact]
    public void Serializer_BytesAnswer_Unchanged()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<ReplicaResponse>(serializer.SerializeToArray(new ReplicaResponse { StatusCode = 200, Body = [1, 2, 3] }))!;

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
