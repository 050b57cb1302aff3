using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Replicas;


namespace Switchyard.Tests.Control.Loops;

public sealed class ReconcilePlannerTests
{
    private static ReplicaView R(string tag, ReplicaState state, int generation = 0, bool due = false) => new(tag, generation, state, due);

    [Fact]
    public void Plan_TooFew_CreatesTheDifference()
    {
        var plan = ReconcilePlanner.Plan(3, 0, [R("a", ReplicaState.Running)]);
        Assert.Equal(2, plan.ToCreate);
        Assert.Empty(plan.ToDrain);
    }

    [Fact]
    public void Plan_TooMany_DrainsFailedAndNewestFirst()
    {
        var plan = ReconcilePlanner.Plan(1, 0, [R("a", ReplicaState.Running), R("b", ReplicaState.Running), R("c", ReplicaState.Failed)]);
        Assert.Equal(["c", "b"], plan.ToDrain);
        Assert.Equal(0, plan.ToCreate);
    }

    [Fact]
    public void Plan_FailedAndDue_Retried()
    {
        var plan = ReconcilePlanner.Plan(2, 0, [R("a", ReplicaState.Failed, due: true), R("b", ReplicaState.Failed)]);
        Assert.Equal(["a"], plan.ToRetry);
    }

    [Fact]
    public void Plan_NewGenerationNotRunningYet_KeepsOldServing()
    {
        var plan = ReconcilePlanner.Plan(1, 1, [R("old", ReplicaState.Running, 0), R("new", ReplicaState.Starting, 1)]);
        Assert.Empty(plan.ToDrain);
        Assert.Equal(0, plan.ToCreate);
    }

    [Fact]
    public void Plan_NewGenerationRunning_DrainsOld()
    {
        var plan = ReconcilePlanner.Plan(1, 1, [R("old", ReplicaState.Running, 0), R("new", ReplicaState.Running, 1)]);
        Assert.Equal(["old"], plan.ToDrain);
    }

    [Fact]
    public void Plan_GenerationChanged_CreatesNewBeforeDrainingOld()
    {
        var plan = ReconcilePlanner.Plan(2, 1, [R("o1", ReplicaState.Running, 0), R("o2", ReplicaState.Running, 0)]);
        Assert.Equal(2, plan.ToCreate);
        Assert.Empty(plan.ToDrain);
    }

    [Fact]
    public void Plan_ScaledToZero_DrainsAll()
    {
        var plan = ReconcilePlanner.Plan(0, 0, [R("a", ReplicaState.Running), R("b", ReplicaState.Starting)]);
        Assert.Equal(2, plan.ToDrain.Count);
    }

    [Fact]
    public void Plan_DrainingReplicas_NotCounted()
    {
        var plan = ReconcilePlanner.Plan(1, 0, [R("a", ReplicaState.Draining)]);
        Assert.Equal(1, plan.ToCreate);
        Assert.Empty(plan.ToDrain);
    }

    [Fact]
    public void Plan_ReplicaOnLeavingNode_ReplacementCreatedWhileItKeepsServing()
    {
        var plan = ReconcilePlanner.Plan(2, 0, [R("a", ReplicaState.Running), new("b", 0, ReplicaState.Running, false, Moving: true)]);
        Assert.Equal(1, plan.ToCreate);
        Assert.Empty(plan.ToDrain);
    }

    [Fact]
    public void Plan_ReplacementOfLeavingReplicaRunning_DrainsTheLeavingOne()
    {
        var plan = ReconcilePlanner.Plan(2, 0, [R("a", ReplicaState.Running), new("b", 0, ReplicaState.Running, false, Moving: true), R("c", ReplicaState.Running)]);
        Assert.Equal(["b"], plan.ToDrain);
        Assert.Equal(0, plan.ToCreate);
    }

    [Fact]
    public void Plan_ReplacementOfLeavingReplicaStillStarting_LeavingOneKeepsServing()
    {
        var plan = ReconcilePlanner.Plan(2, 0, [R("a", ReplicaState.Running), new("b", 0, ReplicaState.Running, false, Moving: true), R("c", ReplicaState.Starting)]);
        Assert.Empty(plan.ToDrain);
        Assert.Equal(0, plan.ToCreate);
    }
}
