using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Control.Loops;

public sealed class FailureBackoffTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 30)]
    [InlineData(40, 30)]
    public void Delay_FailuresInARow_DoublesUpToThirtySeconds(int failures, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), FailureBackoff.Delay(failures));
    }

    [Fact]
    public void Fail_ThirdFailure_DueAfterTwoSecondsNotBefore()
    {
        var time = new FakeTimeProvider();
        var status = ReplicaStatus.Adopted with { Failures = 2 };

        var failed = FailureBackoff.Fail(status, "boom", time);

        Assert.Equal(ReplicaState.Failed, failed.State);
        Assert.Equal("boom", failed.Reason);
        Assert.Equal(3, failed.Failures);
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(FailureBackoff.IsDue(failed, time));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(FailureBackoff.IsDue(failed, time));
    }

    [Fact]
    public void Running_AfterFailures_ResetsTheCount()
    {
        var status = FailureBackoff.Fail(ReplicaStatus.Adopted, "boom", new FakeTimeProvider()).Running();
        Assert.Equal(0, status.Failures);
        Assert.Null(status.Reason);
        Assert.Equal(ReplicaState.Running, status.State);
    }
}
