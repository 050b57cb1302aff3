using Switchyard.Runtime.Control.Loops;

namespace Switchyard.Tests.Control.Loops;

public sealed class AutoscalePolicyTests
{
    private static readonly AutoscalingConfig Config = new() { MinReplicas = 1, MaxReplicas = 10, TargetOngoingRequests = 2 };

    [Theory]
    [InlineData(1, 16.0, 8)]
    [InlineData(8, 16.0, 8)]
    [InlineData(8, 15.9, 8)]
    [InlineData(8, 16.1, 9)]
    [InlineData(8, 2.0, 1)]
    [InlineData(4, 0.0, 1)]
    [InlineData(2, 100.0, 10)]
    public void Desired_FactorOne_CeilingOfOngoingOverTargetWithinBounds(int current, double ongoing, int expected) =>
        Assert.Equal(expected, AutoscalePolicy.Desired(Config, current, ongoing));

    [Fact]
    public void Desired_FromZero_AnyDemandAtLeastOneNoDemandZero()
    {
        var toZero = Config with { MinReplicas = 0 };
        Assert.Equal(1, AutoscalePolicy.Desired(toZero, 0, 0.1));
        Assert.Equal(3, AutoscalePolicy.Desired(toZero, 0, 5));
        Assert.Equal(0, AutoscalePolicy.Desired(toZero, 0, 0));
        Assert.Equal(0, AutoscalePolicy.Desired(toZero, 3, 0));
    }

    [Fact]
    public void Desired_Factors_MoveOnlyPartWay()
    {
        var gentle = Config with { UpscalingFactor = 0.5, DownscalingFactor = 0.5 };
        Assert.Equal(5, AutoscalePolicy.Desired(gentle, 2, 16)); // half of the way from 2 to 8
        Assert.Equal(6, AutoscalePolicy.Desired(gentle, 8, 8));  // half of the way from 8 to 4
    }

    [Fact]
    public void Desired_SmallDownFactorStuckAtTheCount_StillStepsDownOne()
    {
        var sticky = Config with { DownscalingFactor = 0.01 };
        Assert.Equal(3, AutoscalePolicy.Desired(sticky, 4, 2));
    }
}
