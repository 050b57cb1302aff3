namespace Switchyard;

/// <summary>
/// A backend type that checks its own spec (init args together with config) whenever a backend of that type is
/// created or reconfigured, so a deployment it can never serve is refused with 400 instead of failing its
/// replicas later. It runs on the controller's node, before any replica starts: it must be quick, and it should
/// leave problems it cannot judge there (for example a file that only other nodes have) to the replicas.
/// </summary>
public interface ISpecValidator
{
    /// <summary>Every problem with <paramref name="spec"/> for this backend type; none when it is fine.</summary>
    /// <param name="spec">The whole backend spec as it would be stored (config already merged).</param>
    static abstract IEnumerable<SpecProblem> ValidateSpec(BackendSpec spec);
}
