using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class HealthJudgeTests
{
    private static readonly FakeTimeProvider Time = new();
    private static readonly ReplicaStatus Started = ReplicaStatus.Adopted with { StartRequested = true };

    [Fact]
    public void Judge_DrainingAndStopped_Gone()
    {
        var entry = Entry("a#1", draining: true);
        var draining = Started with { State = ReplicaState.Draining };
        Assert.Null(HealthJudge.Judge(entry, draining, HealthAnswer.Of(ReplicaState.Stopped), Time));
        Assert.Null(HealthJudge.Judge(entry, draining, HealthAnswer.Of(null), Time));
        Assert.Null(HealthJudge.Judge(entry, draining, HealthAnswer.Unreachable("down"), Time));
        Assert.Same(draining, HealthJudge.Judge(entry, draining, HealthAnswer.Of(ReplicaState.Draining), Time));
    }

    [Fact]
    public void Judge_Unreachable_FailedWithBackoffAndTheReason()
    {
        var judged = HealthJudge.Judge(Entry("a#1"), Started, HealthAnswer.Unreachable("silo gone"), Time)!;
        Assert.Equal(ReplicaState.Failed, judged.State);
        Assert.Equal("replica unreachable: silo gone", judged.Reason);
        Assert.Equal(1, judged.Failures);
        Assert.False(FailureBackoff.IsDue(judged, Time));
    }

    [Fact]
    public void Judge_StartedButNotRunningAnywhere_Lost()
    {
        var judged = HealthJudge.Judge(Entry("a#1"), Started with { State = ReplicaState.Running }, HealthAnswer.Of(null), Time)!;
        Assert.Equal(ReplicaState.Failed, judged.State);
        Assert.Equal("replica was lost (its node or activation went away)", judged.Reason);
    }

    [Fact]
    public void Judge_AdoptedAfterClusterRestartNotRunning_ReplacedAtOnce()
    {
        var judged = HealthJudge.Judge(Entry("a#1"), ReplicaStatus.Adopted, HealthAnswer.Of(null), Time)!;
        Assert.Equal(ReplicaState.Failed, judged.State);
        Assert.True(FailureBackoff.IsDue(judged, Time));
        Assert.Equal(0, judged.Failures);
    }

    [Fact]
    public void Judge_AdoptedAndRunning_TakenAsRunning()
    {
        var judged = HealthJudge.Judge(Entry("a#1"), ReplicaStatus.Adopted, HealthAnswer.Of(ReplicaState.Running), Time)!;
        Assert.Equal(ReplicaState.Running, judged.State);
        Assert.True(judged.StartRequested);
    }

    [Fact]
    public void Judge_StillStarting_Unchanged()
    {
        Assert.Same(Started, HealthJudge.Judge(Entry("a#1"), Started, HealthAnswer.Of(ReplicaState.Starting), Time));
    }

    [Fact]
    public void NeedsCheck_ByState_OnlyLiveOnesAndDrainingOnes()
    {
        bool Needs(ReplicaState state, bool draining = false) => HealthJudge.NeedsCheck(Entry("a#1", draining: draining), Started with { State = state });
        Assert.True(Needs(ReplicaState.Starting));
        Assert.True(Needs(ReplicaState.Running));
        Assert.True(Needs(ReplicaState.Draining, draining: true));
        Assert.False(Needs(ReplicaState.Failed));
        Assert.False(Needs(ReplicaState.Pending));
    }

    [Fact]
    public void JudgeRetired_ByAnswer_GoneDrainingOrDrainAgain()
    {
        Assert.Equal(RetiredVerdict.Gone, HealthJudge.JudgeRetired(HealthAnswer.Unreachable("down")));
        Assert.Equal(RetiredVerdict.Gone, HealthJudge.JudgeRetired(HealthAnswer.Of(null)));
        Assert.Equal(RetiredVerdict.Gone, HealthJudge.JudgeRetired(HealthAnswer.Of(ReplicaState.Stopped)));
        Assert.Equal(RetiredVerdict.Draining, HealthJudge.JudgeRetired(HealthAnswer.Of(ReplicaState.Draining)));
        Assert.Equal(RetiredVerdict.DrainAgain, HealthJudge.JudgeRetired(HealthAnswer.Of(ReplicaState.Running)));
    }
}
