namespace Switchyard.Runtime.Control.Model;

/// <summary>Where a rollout is: moving traffic, or ended one of three ways.</summary>
internal enum RolloutPhase
{
    Running,
    Succeeded,
    RolledBack,
    Aborted,
}
