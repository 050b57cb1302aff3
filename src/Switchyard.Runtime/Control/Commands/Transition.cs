using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>
/// What a command (or a control loop) decided: its outcome and, when it was accepted, the next desired state and what
/// must happen to replicas once that state is stored. A rejected transition has no next state: nothing changes.
/// </summary>
internal sealed record Transition(Outcome Outcome, DesiredState? Next, Effects Effects)
{
    public bool Accepted => Next is not null;

    public static Transition Reject(Outcome outcome) => new(outcome, null, Effects.None);

    public static Transition Accept(Outcome outcome, DesiredState next, Effects? effects = null) => new(outcome, next, effects ?? Effects.None);
}
