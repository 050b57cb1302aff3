using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Model;

/// <summary>An endpoint as acknowledged, including the traffic table that pins shard keys to backends.</summary>
/// <param name="Route">The HTTP route, or null for a handle-only endpoint.</param>
/// <param name="Methods">Allowed methods, upper case.</param>
/// <param name="Traffic">The traffic policy as given (backend to weight).</param>
/// <param name="Table">The key-hash ranges that carry <paramref name="Traffic"/>; rebalanced, never rebuilt, when weights change.</param>
/// <param name="Shadows">Backend to the proportion of requests copied there.</param>
/// <param name="Rollout">The running or last rollout, or null when there never was one.</param>
internal sealed record EndpointState(
    string? Route,
    IReadOnlyList<string> Methods,
    IReadOnlyDictionary<string, double> Traffic,
    TrafficTable Table,
    IReadOnlyDictionary<string, double> Shadows,
    RolloutState? Rollout = null)
{
    /// <summary>
    /// Why endpoint <paramref name="name"/> (this one) keeps <paramref name="backend"/> from being deleted, or null: it
    /// takes traffic or shadows, or the running rollout goes to it or would roll back to it (its policy from before).
    /// </summary>
    public string? UseOf(string name, string backend) =>
        Traffic.ContainsKey(backend) || Shadows.ContainsKey(backend) || RunningRollout?.To == backend
            ? $"backend '{backend}' is in use by endpoint '{name}'"
            : RunningRollout is { } rollout && rollout.BeforeTraffic.ContainsKey(backend)
                ? $"backend '{backend}' is in the policy the rollout running on endpoint '{name}' rolls back to (promote or DELETE the rollout first)"
                : null;

    /// <summary>The rollout that runs now, if any.</summary>
    public RolloutState? RunningRollout => Rollout is { IsRunning: true } rollout ? rollout : null;

    /// <summary>A read-only copy of <paramref name="weights"/> that keeps their order (the order the caller gave).</summary>
    public static IReadOnlyDictionary<string, double> Freeze(IEnumerable<KeyValuePair<string, double>> weights) =>
        new Dictionary<string, double>(weights, StringComparer.Ordinal).AsReadOnly();
}
