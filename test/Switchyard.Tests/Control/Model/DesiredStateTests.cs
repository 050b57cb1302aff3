using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Model;

public sealed class DesiredStateTests
{
    [Fact]
    public void TakeReplicaTag_Twice_NeverTheSameTag()
    {
        var (state, first) = DesiredState.Empty.TakeReplicaTag("a");
        var (next, second) = state.TakeReplicaTag("a");
        Assert.Equal("a#1", first);
        Assert.Equal("a#2", second);
        Assert.Equal(2, next.NextReplicaId);
        Assert.Equal(0, DesiredState.Empty.NextReplicaId);
    }

    [Fact]
    public void WithBackend_NewValue_OriginalUntouched()
    {
        var before = DesiredState.Empty.WithBackend("a", Echo());
        var after = before.WithBackend("b", Echo()).WithoutBackend("a");
        Assert.Equal(["a"], before.Backends.Keys);
        Assert.Equal(["b"], after.Backends.Keys);
    }

    [Fact]
    public void Backends_AnyInsertionOrder_ListedByName()
    {
        var state = DesiredState.Empty.WithBackend("b", Echo()).WithBackend("a", Echo()).WithBackend("B", Echo());
        Assert.Equal(["B", "a", "b"], state.Backends.Keys);
    }

    [Fact]
    public void WithReplica_SameTag_ReplacedInPlace()
    {
        var backend = BackendState.New(Echo()).WithReplica(Entry("a#1")).WithReplica(Entry("a#2"));
        var moved = backend.WithReplica(Entry("a#1", node: "n2"));
        Assert.Equal(["a#1", "a#2"], moved.Replicas.Select(r => r.Tag));
        Assert.Equal("n2", moved.Find("a#1")!.NodeId);
        Assert.Equal("n1", backend.Find("a#1")!.NodeId);
    }
}
