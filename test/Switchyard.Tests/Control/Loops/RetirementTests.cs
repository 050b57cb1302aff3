using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class RetirementTests
{
    [Fact]
    public void Plan_MixedReplicas_PlacedOnesRetiredPendingForgottenLiveOnesDraining()
    {
        var backend = new BackendState(Echo(cpus: 2), 0, [Entry("a#1"), Entry("a#2"), Entry("a#3", node: null)]);
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Failed), ("a#3", ReplicaState.Pending));

        var (retired, updates) = Retirement.Plan("a", backend, statuses);

        Assert.Equal(["a#1", "a#2"], retired.Select(r => r.Entry.Tag));
        Assert.All(retired, r => Assert.Equal(("a", 2.0), (r.Backend, r.Resources.NumCpus)));
        Assert.Equal(ReplicaState.Draining, updates["a#1"]!.State);
        Assert.False(updates.ContainsKey("a#2"));
        Assert.Null(updates["a#3"]);
    }
}
