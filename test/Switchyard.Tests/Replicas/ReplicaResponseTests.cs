using System.Text;
using Switchyard.Runtime.Replicas;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Replicas;

/// <summary>A text answer stays text, across nodes too; only who needs bytes gets them encoded.</summary>
public sealed class ReplicaResponseTests
{
    [Fact]
    public void Serializer_TextAnswer_CrossesAsText()
    {
        var response = new ReplicaResponse { StatusCode = 201, ContentType = "text/plain; charset=utf-8", Text = "héllo ✓" };

        var back = NodeSerializer.RoundTrip(response);

        Assert.Equal(201, back.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", back.ContentType);
        Assert.Equal("héllo ✓", back.Text);
        Assert.Null(back.Bytes);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo ✓"), back.Body);
    }

    [Fact]
    public void Serializer_BytesAnswerAndProblem_Unchanged()
    {
        var back = NodeSerializer.RoundTrip(new ReplicaResponse { StatusCode = 200, Bytes = [1, 2, 3], Headers = [new("X-A", "1")] });
        var problem = NodeSerializer.RoundTrip(ReplicaResponse.Problem(503, "Service Unavailable", "gone", notRunning: true));

        Assert.Equal([1, 2, 3], back.Body);
        Assert.Equal([new("X-A", "1")], back.Headers!);
        Assert.Equal((503, "Service Unavailable", "gone", true), (problem.StatusCode, problem.Title, problem.Detail, problem.NotRunning));
    }

    [Fact]
    public void Serializer_CancelledAnswer_NotMarkedOnTheOtherNode()
    {
        Assert.True(ReplicaWorker.CancelledResponse.Cancelled);

        var back = NodeSerializer.RoundTrip(ReplicaWorker.CancelledResponse);

        Assert.False(back.Cancelled); // only a caller in the worker's own process is told apart (Orleans never delivers it to one that cancelled)
        Assert.Equal(504, back.StatusCode);
    }

    [Fact]
    public void Encode_Text_KeptAsTheBackendsOwnString()
    {
        var text = new string('a', 3);

        var response = ResultEncoder.Encode(text);

        Assert.Same(text, response.Text);
        Assert.Null(response.Bytes);
        Assert.Equal("aaa"u8.ToArray(), response.Body);
    }

    [Fact]
    public void Body_NoTextNoBytes_Empty() => Assert.Empty(new ReplicaResponse { StatusCode = 204 }.Body);
}
