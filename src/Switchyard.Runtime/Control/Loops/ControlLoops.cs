using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// Runs every control loop once, each on the state the ones before it left, and merges what they want into one
/// transition, so the controller stores it in one write. Pure logic.
/// </summary>
internal static class ControlLoops
{
    /// <summary>The merged change, or null when no loop wants one.</summary>
    public static Transition? Step(IEnumerable<IControlLoop> loops, DesiredState state, FigureWindow figures, DateTimeOffset now)
    {
        var next = state;
        var reconcile = new List<string>();
        var reconfigure = new List<string>();
        var retire = new List<KeyValuePair<string, BackendState>>();
        var any = false;
        foreach (var loop in loops)
        {
            if (loop.Step(next, figures, now) is not { Next: { } changed } transition)
            {
                continue;
            }

            any = true;
            next = changed;
            reconcile.AddRange(transition.Effects.Reconcile);
            reconfigure.AddRange(transition.Effects.Reconfigure);
            retire.AddRange(transition.Effects.Retire);
        }

        return any
            ? Transition.Accept(Outcome.Ok, next, new Effects { Reconcile = [.. reconcile.Distinct()], Reconfigure = [.. reconfigure.Distinct()], Retire = retire })
            : null;
    }
}
