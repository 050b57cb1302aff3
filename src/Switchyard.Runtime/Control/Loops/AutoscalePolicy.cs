namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// How many replicas a backend's load calls for (Ray Serve 2.x's rule): the ratio of ongoing requests to what the
/// current replicas should carry, its distance from 1 multiplied by the up or down factor, applied to the current
/// count and clamped to [min_replicas, max_replicas]. From zero replicas any demand calls for at least one. The
/// current count is the target, pending replicas included, so replicas that cannot be placed do not push it further.
/// Pure logic.
/// </summary>
internal static class AutoscalePolicy
{
    // Float noise must not turn an exact 8.0 into 9 replicas.
    private const double Epsilon = 1e-9;

    public static int Desired(AutoscalingConfig config, int current, double ongoing)
    {
        int desired;
        if (current <= 0)
        {
            desired = ongoing > 0 ? Math.Max(1, Ceiling(ongoing / config.TargetOngoingRequests)) : 0;
        }
        else
        {
            var ratio = ongoing / (config.TargetOngoingRequests * current);
            var factor = ratio >= 1 ? config.UpscalingFactor : config.DownscalingFactor;
            desired = Ceiling(current * (1 + ((ratio - 1) * factor)));

            // A small down factor could keep the count stuck one above what the load calls for.
            if (desired == current && Ceiling(current * ratio) < current)
            {
                desired--;
            }
        }

        return Math.Clamp(desired, config.MinReplicas, Math.Max(config.MinReplicas, config.MaxReplicas));
    }

    private static int Ceiling(double value) => (int)Math.Min(int.MaxValue, Math.Ceiling(value - Epsilon));
}
