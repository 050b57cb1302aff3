namespace Switchyard.Runtime.Control.Loops;

/// <summary>The steps that move one backend's replicas towards its desired state.</summary>
internal sealed record ReconcilePlan(int ToCreate, IReadOnlyList<string> ToRetry, IReadOnlyList<string> ToDrain)
{
    public bool IsEmpty => ToCreate == 0 && ToRetry.Count == 0 && ToDrain.Count == 0;
}
