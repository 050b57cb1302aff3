using System.Text;
using Switchyard.Runtime.Replicas;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Replicas;

/// <summary>A request crosses nodes whole, its text body as text; the backend's request encodes that only when read as bytes.</summary>
public sealed class ReplicaRequestTests
{
    [Fact]
    public void Serializer_EveryField_RoundTrips()
    {
        var request = new ReplicaRequest
        {
            Method = "POST",
            Path = "/p",
            QueryString = "?a=1",
            Headers = [new("Content-Type", "application/octet-stream")],
            Body = [1, 2, 3],
            ShardKey = "user-1",
            Endpoint = "e",
            Inference = true,
            SafeToRetry = true,
        };

        var back = NodeSerializer.RoundTrip(request);

        Assert.Equal(
            (request.Method, request.Path, request.QueryString, request.ShardKey, request.Endpoint, request.Inference, request.SafeToRetry),
            (back.Method, back.Path, back.QueryString, back.ShardKey, back.Endpoint, back.Inference, back.SafeToRetry));
        Assert.Equal(request.Headers, back.Headers!);
        Assert.Equal(request.Body, back.Body);
        Assert.Null(back.Text);
    }

    [Fact]
    public void Serializer_TextBody_CrossesAsText()
    {
        var back = NodeSerializer.RoundTrip(new ReplicaRequest { Method = "POST", Path = "/p", Body = [], Text = "héllo ✓" });

        Assert.Equal("héllo ✓", back.Text);
        Assert.Empty(back.Body);
    }

    [Fact]
    public void Read_TextBody_ReadTextIsTheCallersStringAndBodyItsUtf8()
    {
        var text = new string('é', 2);

        var request = ServeRequestReader.Read(new ReplicaRequest { Method = "POST", Path = "/p", Body = [], Text = text });

        Assert.Same(text, request.ReadText());
        Assert.Equal(Encoding.UTF8.GetBytes(text), request.Body.ToArray());
        Assert.True(request.Body.Span == request.Body.Span); // encoded once: the same memory on every read
        Assert.Same(text, request.ReadText()); // reading the bytes leaves the text as it was
    }

    [Fact]
    public void Read_EmptyTextBody_EmptyBytes()
    {
        var request = ServeRequestReader.Read(new ReplicaRequest { Method = "POST", Path = "/p", Body = [], Text = "" });

        Assert.True(request.Body.IsEmpty);
        Assert.Equal("", request.ReadText());
    }
}
