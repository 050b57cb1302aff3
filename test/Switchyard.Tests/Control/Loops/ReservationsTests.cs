using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Placement;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class ReservationsTests
{
    private static readonly NodeResources N1 = new("n1", 4, 0, new Dictionary<string, double>());

    [Fact]
    public void Of_PlacedLiveReplicas_HoldTheirBackendsResources()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 1), Entry("a#1"), Entry("a#2"), Entry("a#3", node: null));
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Starting), ("a#3", ReplicaState.Pending));

        var reservations = Reservations.Of(state, [], statuses).ToList();

        Assert.Equal(2, reservations.Count);
        Assert.All(reservations, r => Assert.Equal(("n1", 1.0), (r.NodeId, r.Resources.NumCpus)));
    }

    [Fact]
    public void Of_ReplicasLostWithTheirNode_HoldNothingSoTheNodeComesBackWhole()
    {
        // n1 died: its replicas were found lost (failed), the failed ones replaced elsewhere and retired. When a new
        // node joins as n1 again, nothing of what died with it is still reserved there.
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 2), Entry("a#1"), Entry("a#3", node: "n2"));
        var statuses = Statuses(("a#1", ReplicaState.Failed), ("a#2", ReplicaState.Failed), ("a#3", ReplicaState.Running));
        var retired = new[] { new RetiredReplica("a", Entry("a#2"), new BackendResources { NumCpus = 2 }) };

        var free = Reservations.Ledger([N1], state, retired, statuses).Capacities();

        Assert.Equal(4, Assert.Single(free).FreeCpus);
    }

    [Fact]
    public void Of_RetiredStillDraining_HoldsWithTheResourcesItWasCreatedWith()
    {
        var retired = new[] { new RetiredReplica("deleted", Entry("deleted#1"), new BackendResources { NumCpus = 3 }) };
        var statuses = Statuses(("deleted#1", ReplicaState.Draining));

        var free = Reservations.Ledger([N1], DesiredState.Empty, retired, statuses).Capacities();

        Assert.Equal(1, Assert.Single(free).FreeCpus);
    }

    [Fact]
    public void Of_AdoptedWithoutStatus_Holds()
    {
        // Known from the store after the controller moved: it may well be running, so it keeps its place.
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 1), Entry("a#1"));
        Assert.Single(Reservations.Of(state, [], new Dictionary<string, ReplicaStatus>()));
    }
}
