namespace Switchyard.Runtime.Control.Model;

/// <summary>Where a backend's autoscaling target starts when its config changes. Pure logic.</summary>
internal static class AutoscaleTargets
{
    /// <summary>
    /// The target for <paramref name="config"/>: null without autoscaling; <c>initial_replicas</c> (else
    /// <c>min_replicas</c>) for a new backend; for one that already runs, the count it has now (its target, or its
    /// <c>num_replicas</c> when it did not autoscale until now) kept within the new bounds, unless an
    /// <c>initial_replicas</c> is given as autoscaling is switched on.
    /// </summary>
    public static int? Initial(BackendState? existing, BackendConfig config)
    {
        if (config.AutoscalingConfig is not { } autoscaling)
        {
            return null;
        }

        int start;
        if (existing is null)
        {
            start = autoscaling.InitialReplicas ?? autoscaling.MinReplicas;
        }
        else if (existing.AutoscaleTarget is { } target)
        {
            start = target;
        }
        else
        {
            start = autoscaling.InitialReplicas ?? existing.Spec.Config.NumReplicas;
        }

        return Math.Clamp(start, autoscaling.MinReplicas, Math.Max(autoscaling.MinReplicas, autoscaling.MaxReplicas));
    }
}
