using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// A control loop driven by live figures that the controller's tick runs after reconciling: it looks at the desired
/// state, the latest window of figures and the time, and proposes a change of desired state (set a backend's replica
/// count, move an endpoint's traffic one step), which the controller stores and carries out like any command. The
/// autoscaler and the rollout stepper are meant to be two such loops; add one by implementing this interface and
/// registering it in the silo's services. Implementations are pure: no Orleans, no I/O.
/// </summary>
internal interface IControlLoop
{
    /// <summary>The change this loop wants now, or null when it has none.</summary>
    Transition? Step(DesiredState state, FigureWindow figures, DateTimeOffset now);
}
