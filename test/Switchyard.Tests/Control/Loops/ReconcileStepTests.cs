using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Placement;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class ReconcileStepTests
{
    private readonly FakeTimeProvider _time = new();

    private static CapacityLedger Ledger(params (string Id, double Cpus)[] nodes) =>
        new(nodes.Select(n => new NodeResources(n.Id, n.Cpus, 0, new Dictionary<string, double>())), []);

    [Fact]
    public void Plan_TooFew_CreatesFreshTagsSpreadOverNodesAndStartsThem()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2)) with { NextReplicaId = 7 };

        var step = ReconcileStep.Plan(state, "a", new Dictionary<string, ReplicaStatus>(), Ledger(("n1", 4), ("n2", 4)), _time);

        Assert.True(step.Changed);
        Assert.Equal(9, step.State.NextReplicaId);
        Assert.Equal(["a#8", "a#9"], step.State.ReplicasOf("a").Select(r => r.Tag));
        Assert.Equal(["n1", "n2"], step.State.ReplicasOf("a").Select(r => r.NodeId));
        Assert.Equal(["a#8", "a#9"], step.Start.Select(s => s.Tag));
        Assert.All(step.Statuses.Values, s =>
        {
            Assert.Equal(ReplicaState.Starting, s!.State);
            Assert.True(s.StartRequested);
            Assert.Same(state.Backends["a"].Spec.Config, s.AppliedConfig);
        });
    }

    [Fact]
    public void Plan_NothingFits_PendingWithTheReasonUnplacedAndNotStarted()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2, cpus: 3));

        var step = ReconcileStep.Plan(state, "a", new Dictionary<string, ReplicaStatus>(), Ledger(("n1", 4)), _time);

        Assert.Single(step.Start);
        var pending = step.State.ReplicasOf("a")[1];
        Assert.Null(pending.NodeId);
        var status = step.Statuses[pending.Tag]!;
        Assert.Equal(ReplicaState.Pending, status.State);
        Assert.Equal("needs num_cpus=3, most free on any node is 1", status.Reason);
        Assert.False(FailureBackoff.IsDue(status, _time));
        _time.Advance(ReconcileStep.PendingRetry);
        Assert.True(FailureBackoff.IsDue(status, _time));
    }

    [Fact]
    public void Plan_PendingDueAndNowFits_PlacedOnTheSameEntry()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 1), Entry("a#1", node: null));
        var statuses = Statuses(("a#1", ReplicaState.Pending));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 1)), _time);

        Assert.Equal("n1", Assert.Single(step.State.ReplicasOf("a")).NodeId);
        Assert.Equal("a#1", Assert.Single(step.Start).Tag);
        Assert.Equal(0, step.State.NextReplicaId);
    }

    [Fact]
    public void Plan_PendingStillDoesNotFit_StateUnchangedOnlyItsRetryMoves()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 8), Entry("a#1", node: null));
        var statuses = Statuses(("a#1", ReplicaState.Pending));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 1)), _time);

        Assert.False(step.Changed);
        Assert.Same(state, step.State);
        Assert.Equal(ReplicaState.Pending, step.Statuses["a#1"]!.State);
    }

    [Fact]
    public void Plan_FailedAndDue_ReplacedByAFreshReplicaCarryingItsFailures()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(cpus: 1), Entry("a#1")) with { NextReplicaId = 1 };
        var statuses = new Dictionary<string, ReplicaStatus> { ["a#1"] = FailureBackoff.Fail(ReplicaStatus.Adopted with { Failures = 2 }, "boom", _time) };
        _time.Advance(FailureBackoff.Delay(3));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 1)), _time);

        var replacement = Assert.Single(step.State.ReplicasOf("a"));
        Assert.Equal("a#1", Assert.Single(step.Retire).Entry.Tag);
        Assert.Equal(["a#1"], step.Drain);
        Assert.Equal("a#2", replacement.Tag);
        Assert.Equal(3, step.Statuses[replacement.Tag]!.Failures);
        Assert.Equal("n1", replacement.NodeId);
    }

    [Fact]
    public void Plan_FailedBackoffNotPassed_NothingHappens()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(), Entry("a#1"));
        var statuses = new Dictionary<string, ReplicaStatus> { ["a#1"] = FailureBackoff.Fail(ReplicaStatus.Adopted, "boom", _time) };

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 1)), _time);

        Assert.True(step.IsEmpty);
    }

    [Fact]
    public void Plan_TooMany_RunningMarkedDrainingAndPendingDroppedWithoutDrain()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 1), Entry("a#1"), Entry("a#2"), Entry("a#3", node: null));
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Running), ("a#3", ReplicaState.Pending));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 4)), _time);

        Assert.Equal(["a#1", "a#2"], step.State.ReplicasOf("a").Select(r => r.Tag));
        Assert.True(step.State.ReplicasOf("a")[1].Draining);
        Assert.Equal(["a#2"], step.Drain);
        Assert.Null(step.Statuses["a#3"]);
        Assert.Equal(ReplicaState.Draining, step.Statuses["a#2"]!.State);
        Assert.Empty(step.Start);
    }

    [Fact]
    public void Plan_NewGenerationRunning_OldGenerationDrains()
    {
        var state = DesiredState.Empty.WithBackend("a", new BackendState(Echo(), 1, [Entry("a#1", generation: 0), Entry("a#2", generation: 1)]));
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Running));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 4)), _time);

        Assert.Equal(["a#1"], step.Drain);
    }

    [Fact]
    public void Plan_Settled_EmptyAndTheSameState()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(), Entry("a#1"));

        var step = ReconcileStep.Plan(state, "a", Statuses(("a#1", ReplicaState.Running)), Ledger(("n1", 4)), _time);

        Assert.True(step.IsEmpty);
        Assert.Same(state, step.State);
    }

    [Fact]
    public void Plan_UnknownBackend_Empty()
    {
        Assert.True(ReconcileStep.Plan(DesiredState.Empty, "ghost", new Dictionary<string, ReplicaStatus>(), Ledger(("n1", 4)), _time).IsEmpty);
    }

    [Fact]
    public void Plan_NodeLeaving_ReplacementStartedOnAnotherNodeLeavingReplicaKept()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2), Entry("a#1", node: "n1"), Entry("a#2", node: "n2")) with { NextReplicaId = 2 };
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Running));

        // The shell leaves leaving nodes out of the ledger: nothing new goes there.
        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 4), ("n3", 4)), _time, new HashSet<string> { "n2" });

        var started = Assert.Single(step.Start);
        Assert.Equal("n3", started.NodeId);
        Assert.Empty(step.Drain);
        Assert.Equal(["a#1", "a#2", "a#3"], step.State.ReplicasOf("a").Select(r => r.Tag));
    }

    [Fact]
    public void Plan_NodeLeavingReplacementRunning_LeavingReplicaDrains()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2), Entry("a#1", node: "n1"), Entry("a#2", node: "n2"), Entry("a#3", node: "n3"));
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Running), ("a#3", ReplicaState.Running));

        var step = ReconcileStep.Plan(state, "a", statuses, Ledger(("n1", 4), ("n3", 4)), _time, new HashSet<string> { "n2" });

        Assert.Equal(["a#2"], step.Drain);
        Assert.Empty(step.Start);
        Assert.True(step.State.ReplicasOf("a").Single(r => r.Tag == "a#2").Draining);
    }
}

