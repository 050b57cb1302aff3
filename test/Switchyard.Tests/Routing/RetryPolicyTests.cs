using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(nameof(CallOutcome.Answered), false, false)]
    [InlineData(nameof(CallOutcome.Answered), true, false)]
    [InlineData(nameof(CallOutcome.NotRunning), false, true)]
    [InlineData(nameof(CallOutcome.NotDelivered), false, true)]
    [InlineData(nameof(CallOutcome.NodeLost), false, false)]
    [InlineData(nameof(CallOutcome.NodeLost), true, true)]
    [InlineData(nameof(CallOutcome.TimedOut), false, false)]
    [InlineData(nameof(CallOutcome.TimedOut), true, false)]
    [InlineData(nameof(CallOutcome.Failed), false, false)]
    [InlineData(nameof(CallOutcome.Failed), true, false)]
    public void ShouldRetry_FirstAttempt_OnlyWhenItCannotHaveRunOrMayRunTwice(string outcome, bool safe, bool expected) =>
        Assert.Equal(expected, RetryPolicy.ShouldRetry(Enum.Parse<CallOutcome>(outcome), safe, attempt: 1));

    [Fact]
    public void ShouldRetry_LastAttempt_Never() =>
        Assert.False(RetryPolicy.ShouldRetry(CallOutcome.NotRunning, safeToRetry: true, attempt: RetryPolicy.MaxAttempts));

    [Fact]
    public void IsSafeToRetry_InferenceCall_SafeWhateverItsMethod() =>
        Assert.True(RetryPolicy.IsSafeToRetry(new ReplicaRequest { Method = "POST", Path = "/v2/models/m/infer", Body = [], Inference = true }));

    [Theory]
    [InlineData("GET", false, true)]
    [InlineData("head", false, true)]
    [InlineData("POST", false, false)]
    [InlineData("PUT", false, false)]
    [InlineData("POST", true, true)]
    public void IsSafeToRetry_MethodOrFlag(string method, bool flagged, bool expected) =>
        Assert.Equal(expected, RetryPolicy.IsSafeToRetry(new ReplicaRequest { Method = method, Path = "/", Body = [], SafeToRetry = flagged }));

    [Theory]
    [InlineData(nameof(CallOutcome.NotRunning), true)]
    [InlineData(nameof(CallOutcome.NotDelivered), true)]
    [InlineData(nameof(CallOutcome.NodeLost), true)]
    [InlineData(nameof(CallOutcome.TimedOut), false)]
    [InlineData(nameof(CallOutcome.Answered), false)]
    [InlineData(nameof(CallOutcome.Failed), false)]
    public void MarksSuspect_OnlyReplicasThatCouldNotTakeTheRequest(string outcome, bool expected) =>
        Assert.Equal(expected, RetryPolicy.MarksSuspect(Enum.Parse<CallOutcome>(outcome)));
}
