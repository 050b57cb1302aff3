using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class AutoscalerTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FigureWindow _figures = new();
    private readonly Autoscaler _autoscaler = new();

    private static AutoscalingConfig Config(int min = 1, int max = 10) => new()
    {
        MinReplicas = min,
        MaxReplicas = max,
        TargetOngoingRequests = 2,
        MetricsIntervalS = 0.25,
        LookBackPeriodS = 1,
        UpscaleDelayS = 2,
        DownscaleDelayS = 5,
    };

    private static DesiredState Scaled(int target, AutoscalingConfig? config = null) =>
        DesiredState.Empty.WithBackend("b", BackendState.New(Echo() with { Config = new BackendConfig { AutoscalingConfig = config ?? Config() } }) with { AutoscaleTarget = target });

    /// <summary>Lets <paramref name="seconds"/> pass with the node reporting <paramref name="ongoing"/> every tick, stepping the loop each time.</summary>
    private DesiredState Run(DesiredState state, double seconds, double ongoing, List<(TimeSpan At, int Target)>? changes = null)
    {
        var start = _time.GetUtcNow();
        for (var t = Tick; t <= TimeSpan.FromSeconds(seconds); t += Tick)
        {
            _time.Advance(Tick);
            _figures.Add("n1", _time.GetUtcNow(), Tick, FigureWindowTests.Sample("b", ongoing));
            if (_autoscaler.Step(state, _figures, _time.GetUtcNow()) is { Next: { } next } transition)
            {
                Assert.Equal(["b"], transition.Effects.Reconcile);
                state = next;
                changes?.Add((_time.GetUtcNow() - start, state.Backends["b"].AutoscaleTarget!.Value));
            }
        }

        return state;
    }

    [Fact]
    public void Step_LoadRises_ScalesToTheImpliedCountOnlyAfterTheUpscaleDelay()
    {
        var changes = new List<(TimeSpan At, int Target)>();

        var state = Run(Scaled(1), 4, ongoing: 16, changes);

        var (at, target) = Assert.Single(changes);
        Assert.Equal(8, target);
        Assert.Equal(TimeSpan.FromSeconds(2.25), at); // the wish starts with the first report and holds for 2 s
        Assert.Equal(8, state.Backends["b"].DesiredReplicas);
    }

    [Fact]
    public void Step_WishBroken_DelayStartsAgain()
    {
        var state = Run(Scaled(1), 0.5, ongoing: 16);
        state = Run(state, 2, ongoing: 2); // back to what one replica carries: the wish to grow ends
        Assert.Equal(1, state.Backends["b"].AutoscaleTarget);

        var changes = new List<(TimeSpan At, int Target)>();
        Run(state, 3, ongoing: 16, changes);
        Assert.Equal(8, Assert.Single(changes).Target);
        Assert.True(changes[0].At >= TimeSpan.FromSeconds(2), $"scaled after {changes[0].At}, before the delay passed afresh");
    }

    [Fact]
    public void Step_ConstantLoad_CountNeverMovesAgain()
    {
        var state = Run(Scaled(1), 4, ongoing: 16);
        var changes = new List<(TimeSpan At, int Target)>();

        Run(state, 60, ongoing: 16, changes);

        Assert.Empty(changes);
    }

    [Fact]
    public void Step_LoadFalls_ScalesDownOnlyAfterTheDownscaleDelayThenToZeroWhenIdle()
    {
        var changes = new List<(TimeSpan At, int Target)>();

        var state = Run(Scaled(8, Config(min: 0)), 4.75, ongoing: 2, changes);
        Assert.Empty(changes);
        state = Run(state, 2, ongoing: 2, changes);
        Assert.Equal(1, Assert.Single(changes).Target);

        changes.Clear();
        state = Run(state, 8, ongoing: 0, changes);
        Assert.Equal(0, Assert.Single(changes).Target);
        Assert.True(changes[0].At >= TimeSpan.FromSeconds(5), $"scaled to zero after {changes[0].At}");
        Assert.Equal(0, state.Backends["b"].DesiredReplicas);
    }

    [Fact]
    public void Step_LoadFallsInTwoSteps_DownOnlyToTheHighestCountAskedForDuringTheDelay()
    {
        var changes = new List<(TimeSpan At, int Target)>();

        var state = Run(Scaled(8), 3, ongoing: 6, changes);  // asks for 3
        var second = _time.GetUtcNow();
        state = Run(state, 3, ongoing: 0, changes);          // then for 1, as the delay ends
        Assert.Equal(3, Assert.Single(changes).Target);
        var firstChange = second + changes[0].At;

        var third = _time.GetUtcNow();
        Run(state, 6, ongoing: 0, changes);
        Assert.Equal(1, changes[^1].Target);
        var between = third + changes[^1].At - firstChange;
        Assert.True(between >= TimeSpan.FromSeconds(5), $"down to 1 {between} after down to 3, before a whole delay of asking for 1");
    }

    [Fact]
    public void Step_DemandAtZero_OneReplicaAtOnce()
    {
        var changes = new List<(TimeSpan At, int Target)>();

        Run(Scaled(0, Config(min: 0)), 0.25, ongoing: 0.1, changes);

        Assert.Equal([(Tick, 1)], changes);
    }

    [Fact]
    public void Step_TargetMetWhileSomeReplicasArePending_NotPushedFurther()
    {
        // Four wanted, two of them pending: the two running carry all 8 ongoing requests, yet the target is the count.
        var changes = new List<(TimeSpan At, int Target)>();

        Run(Scaled(4), 10, ongoing: 8, changes);

        Assert.Empty(changes);
    }

    [Fact]
    public void Step_NoFiguresOrFixedCount_Nothing()
    {
        Assert.Null(_autoscaler.Step(Scaled(3), _figures, _time.GetUtcNow()));

        var fixedCount = DesiredState.Empty.WithBackend("b", Echo(replicas: 3));
        _figures.Add("n1", _time.GetUtcNow(), Tick, FigureWindowTests.Sample("b", 40));
        Assert.Null(_autoscaler.Step(fixedCount, _figures, _time.GetUtcNow()));
    }

    [Fact]
    public void Step_AboveMax_HeldAtMaxWithoutFurtherChanges()
    {
        var changes = new List<(TimeSpan At, int Target)>();

        Run(Scaled(1, Config(max: 4)), 10, ongoing: 50, changes);

        Assert.Equal(4, Assert.Single(changes).Target);
    }
}
