using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Views;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Views;

public sealed class StateViewsTests
{
    [Fact]
    public void Backend_Replicas_StateNodeAndReasonOnlyWhenPendingOrFailed()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(), Entry("a#1"), Entry("a#2", node: null), Entry("a#3", draining: true));
        var statuses = new Dictionary<string, ReplicaStatus>
        {
            ["a#1"] = ReplicaStatus.Adopted with { State = ReplicaState.Running, Reason = "stale" },
            ["a#2"] = ReplicaStatus.Adopted with { State = ReplicaState.Pending, Reason = "needs num_gpus=1" },
        };

        var info = StateViews.Backend(state.Backends["a"], statuses);

        Assert.Equal(["running", "pending", "draining"], info.Replicas.Select(r => r.State));
        Assert.Equal([null, "needs num_gpus=1", null], info.Replicas.Select(r => r.Reason));
        Assert.Equal(["n1", null, "n1"], info.Replicas.Select(r => r.Node));
    }

    [Fact]
    public void IsSettled_StartingOrTooFew_NotSettled()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2), Entry("a#1"), Entry("a#2"));
        Assert.False(StateViews.IsSettled(state, "a", Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Starting))));
        Assert.True(StateViews.IsSettled(state, "a", Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Failed))));
        var one = DesiredState.Empty.WithBackend("a", Echo(replicas: 2), Entry("a#1"));
        Assert.False(StateViews.IsSettled(one, "a", Statuses(("a#1", ReplicaState.Running))));
        Assert.True(StateViews.IsSettled(one, "ghost", Statuses()));
    }
}
