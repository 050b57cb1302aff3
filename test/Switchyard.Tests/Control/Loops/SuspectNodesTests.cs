using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;

namespace Switchyard.Tests.Control.Loops;

public sealed class SuspectNodesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void IsSuspect_AfterAFailure_TrueUntilThePeriodEnds()
    {
        var suspects = new SuspectNodes(_time);
        suspects.Suspect("127.0.0.1:11111@1");
        Assert.True(suspects.IsSuspect("127.0.0.1:11111@1"));
        _time.Advance(SuspectNodes.Period);
        Assert.False(suspects.IsSuspect("127.0.0.1:11111@1"));
    }

    [Fact]
    public void IsSuspect_NodeAnsweredAgain_False()
    {
        var suspects = new SuspectNodes(_time);
        suspects.Suspect("127.0.0.1:11111@1");
        suspects.Clear("127.0.0.1:11111@1");
        Assert.False(suspects.IsSuspect("127.0.0.1:11111@1"));
    }

    [Fact]
    public void IsSuspect_SameNodeOnAFreshSilo_False()
    {
        var suspects = new SuspectNodes(_time);
        suspects.Suspect("127.0.0.1:11111@1");
        Assert.False(suspects.IsSuspect("127.0.0.1:11111@2"));
    }
}
