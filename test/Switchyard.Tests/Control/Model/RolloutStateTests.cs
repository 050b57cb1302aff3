using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Control.Model;

public sealed class RolloutStateTests
{
    private static RolloutState Rollout(params (string Backend, double Weight)[] before)
    {
        var traffic = EndpointState.Freeze(before.Select(b => new KeyValuePair<string, double>(b.Backend, b.Weight)));
        var spec = new RolloutSpec { To = "v3", Steps = [0.2, 1], StepIntervalS = 5 };
        return new RolloutState(spec, 0, RolloutPhase.Running, null, default, default, traffic, TrafficTable.Create(traffic), null);
    }

    [Fact]
    public void WeightsAt_OthersShareTheRestInTheirOldProportions()
    {
        var weights = Rollout(("v1", 0.75), ("v2", 0.25)).WeightsAt(0.2);

        Assert.Equal(0.2, weights["v3"], 12);
        Assert.Equal(0.6, weights["v1"], 12);
        Assert.Equal(0.2, weights["v2"], 12);
        Assert.Equal(1, weights.Values.Sum(), 12);
    }

    [Fact]
    public void WeightsAt_TargetAlreadyHadSome_ItsOldShareIsNotCountedTwice()
    {
        var weights = Rollout(("v1", 0.5), ("v3", 0.5)).WeightsAt(0.8);

        Assert.Equal(0.8, weights["v3"], 12);
        Assert.Equal(0.2, weights["v1"], 12);
    }

    [Fact]
    public void WeightsAt_One_OnlyTheTarget() =>
        Assert.Equal(["v3"], Rollout(("v1", 1)).WeightsAt(1).Keys);
}
