using Orleans.Runtime.Messaging;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

public sealed class GrainReplicaChannelTests
{
    private static Exception Rejection() =>
        (Exception)Activator.CreateInstance(typeof(OrleansMessageRejectionException), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, ["rejected"], null)!;

    public static TheoryData<Exception, string> Exceptions() => new()
    {
        { Rejection(), nameof(CallOutcome.NotDelivered) },
        { new GatewayTooBusyException(), nameof(CallOutcome.NotDelivered) },
        { new ConnectionFailedException("no route"), nameof(CallOutcome.NotDelivered) },
        { new SiloUnavailableException("the target silo became unavailable"), nameof(CallOutcome.NodeLost) },
        { new TimeoutException("response did not arrive on time"), nameof(CallOutcome.TimedOut) },
        { new OrleansException("wrapped", new SiloUnavailableException()), nameof(CallOutcome.NodeLost) },
        { new OrleansException("plain"), nameof(CallOutcome.Failed) },
        { new InvalidOperationException("activation failed"), nameof(CallOutcome.Failed) },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Of_OrleansException_WhatItProvesAboutTheCall(Exception exception, string expected) =>
        Assert.Equal(Enum.Parse<CallOutcome>(expected), GrainReplicaChannel.Of(exception));
}
