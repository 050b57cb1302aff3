using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class ControlLoopsTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A loop that sets a backend's replica count to what its figures ask for.</summary>
    private sealed class ScaleTo(string backend) : IControlLoop
    {
        public List<DesiredState> Seen { get; } = [];

        public Transition? Step(DesiredState state, FigureWindow figures, DateTimeOffset now)
        {
            Seen.Add(state);
            if (figures.Ongoing(backend, now.AddSeconds(-10), now) is not { } ongoing || !state.Backends.TryGetValue(backend, out var b))
            {
                return null;
            }

            var spec = b.Spec with { Config = b.Spec.Config with { NumReplicas = (int)ongoing } };
            return Transition.Accept(Outcome.Ok, state.WithBackend(backend, b with { Spec = spec }), new Effects { Reconcile = [backend] });
        }
    }

    [Fact]
    public void Step_NoLoopWantsAChange_Null()
    {
        var figures = new FigureWindow();
        Assert.Null(ControlLoops.Step([new ScaleTo("a")], DesiredState.Empty.WithBackend("a", Echo()), figures, Now));
    }

    [Fact]
    public void Step_TwoLoops_SecondSeesTheFirstsStateAndEffectsMerge()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo()).WithBackend("b", Echo());
        var figures = new FigureWindow();
        figures.Add("n1", Now, TimeSpan.FromSeconds(1), FigureWindowTests.Sample("a", 3));
        figures.Add("n1", Now, TimeSpan.FromSeconds(1), FigureWindowTests.Sample("b", 5));
        var first = new ScaleTo("a");
        var second = new ScaleTo("b");

        var transition = ControlLoops.Step([first, second], state, figures, Now)!;

        Assert.Equal(3, second.Seen.Single().Backends["a"].Spec.Config.NumReplicas);
        var next = Accepted(transition);
        Assert.Equal(3, next.Backends["a"].Spec.Config.NumReplicas);
        Assert.Equal(5, next.Backends["b"].Spec.Config.NumReplicas);
        Assert.Equal(["a", "b"], transition.Effects.Reconcile);
    }
}
