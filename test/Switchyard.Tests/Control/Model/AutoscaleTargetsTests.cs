using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Model;

public sealed class AutoscaleTargetsTests
{
    private static BackendConfig Scaled(int min, int max, int? initial = null) =>
        new() { AutoscalingConfig = new AutoscalingConfig { MinReplicas = min, MaxReplicas = max, InitialReplicas = initial } };

    [Fact]
    public void Initial_NoAutoscaling_Null() => Assert.Null(AutoscaleTargets.Initial(null, new BackendConfig { NumReplicas = 3 }));

    [Fact]
    public void Initial_NewBackend_InitialReplicasElseMin()
    {
        Assert.Equal(2, AutoscaleTargets.Initial(null, Scaled(1, 4, initial: 2)));
        Assert.Equal(0, AutoscaleTargets.Initial(null, Scaled(0, 4)));
    }

    [Fact]
    public void Initial_FixedBackendStartsAutoscaling_KeepsItsCountWithinTheBounds()
    {
        var fixedThree = BackendState.New(Echo(replicas: 3));
        Assert.Equal(3, AutoscaleTargets.Initial(fixedThree, Scaled(1, 5)));
        Assert.Equal(2, AutoscaleTargets.Initial(fixedThree, Scaled(1, 2)));
        Assert.Equal(1, AutoscaleTargets.Initial(fixedThree, Scaled(0, 5, initial: 1)));
    }

    [Fact]
    public void WithSpec_BoundsTightened_TargetClampedAndNullClears()
    {
        var scaled = BackendState.New(Echo() with { Config = Scaled(1, 8) }) with { AutoscaleTarget = 6 };

        Assert.Equal(4, scaled.WithSpec(scaled.Spec with { Config = Scaled(1, 4) }).AutoscaleTarget);
        var back = scaled.WithSpec(scaled.Spec with { Config = new BackendConfig { NumReplicas = 2 } });
        Assert.Null(back.AutoscaleTarget);
        Assert.Equal(2, back.DesiredReplicas);
    }
}
