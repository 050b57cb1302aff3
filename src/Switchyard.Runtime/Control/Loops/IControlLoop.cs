using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// A control loop driven by live figures that the controller runs on every figure report and every tick: it looks at
/// the desired state, the window of figures and the time, and proposes a change of desired state (set a backend's
/// autoscaling target, move an endpoint's rollout one step), which the controller stores and carries out like any
/// command. <see cref="Autoscaler"/> and <see cref="RolloutStepper"/> are the two there are; add one by implementing
/// this interface and registering it (transient: one instance per controller activation) in the silo's services.
/// Implementations are pure: no Orleans, no I/O.
/// </summary>
internal interface IControlLoop
{
    /// <summary>The change this loop wants now, or null when it has none.</summary>
    Transition? Step(DesiredState state, FigureWindow figures, DateTimeOffset now);
}
