using System.Text.Json;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>
/// Makes the desired state match a whole deployment: what is new is created, what changed is updated, what is not
/// named is deleted. A backend whose class, init args or resources changed gets a new generation (its replicas are
/// replaced); one whose config alone changed is reconfigured in place; one that did not change is left alone.
/// Endpoint tables are rebalanced, never rebuilt, so shard keys keep their backends where the weights allow.
/// </summary>
internal static class DeployDiff
{
    public static Transition Apply(DesiredState state, DeploymentSpec deployment, IBackendCheck check)
    {
        var problems = DeploymentValidator.Validate(deployment, check);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        if (RolloutConflicts(state, deployment) is { Count: > 0 } conflicts)
        {
            return Transition.Reject(Outcome.Conflict(conflicts));
        }

        var next = state;
        var created = new List<string>();
        var updated = new List<string>();
        var deleted = new List<string>();
        var reconfigured = new List<string>();
        foreach (var (name, spec) in deployment.Backends)
        {
            if (!state.Backends.TryGetValue(name, out var existing))
            {
                next = next.WithBackend(name, BackendState.New(spec));
                created.Add(name);
            }
            else if (!SameIdentity(existing.Spec, spec))
            {
                next = next.WithBackend(name, existing.WithSpec(spec) with { Generation = existing.Generation + 1 });
                updated.Add(name);
            }
            else if (Canonical(existing.Spec.Config) != Canonical(spec.Config))
            {
                next = next.WithBackend(name, existing.WithSpec(spec));
                reconfigured.Add(name);
                updated.Add(name);
            }
        }

        foreach (var (name, spec) in deployment.Endpoints)
        {
            var traffic = EndpointState.Freeze(spec.Traffic);
            var shadows = EndpointState.Freeze(spec.Shadows.Where(s => s.Value > 0));
            var methods = EndpointCommands.NormalizeMethods(spec.Methods);
            if (!state.Endpoints.TryGetValue(name, out var existing))
            {
                next = next.WithEndpoint(name, new EndpointState(spec.Route, methods, traffic, TrafficTable.Create(traffic), shadows));
                created.Add(name);
                continue;
            }

            // A running rollout owns the traffic; the file may still state the policy from before it (checked above).
            var sameTraffic = SameWeights(existing.Traffic, traffic) || existing.RunningRollout is not null;
            if (sameTraffic && existing.Route == spec.Route && existing.Methods.SequenceEqual(methods) && SameWeights(existing.Shadows, shadows))
            {
                continue;
            }

            next = next.WithEndpoint(name, existing with
            {
                Route = spec.Route,
                Methods = methods,
                Shadows = shadows,
                Traffic = sameTraffic ? existing.Traffic : traffic,
                Table = sameTraffic ? existing.Table : existing.Table.Rebalance(traffic),
            });
            updated.Add(name);
        }

        foreach (var name in state.Endpoints.Keys.Where(n => !deployment.Endpoints.ContainsKey(n)))
        {
            next = next.WithoutEndpoint(name);
            deleted.Add(name);
        }

        var retired = state.Backends.Where(b => !deployment.Backends.ContainsKey(b.Key)).ToList();
        foreach (var (name, _) in retired)
        {
            next = next.WithoutBackend(name);
            deleted.Add(name);
        }

        var result = new DeployResult { Created = created, Updated = updated, Deleted = deleted };
        var effects = new Effects { Reconcile = [.. deployment.Backends.Keys], Reconfigure = reconfigured, Retire = retired };
        return Transition.Accept(new Outcome(200, [], result), next, effects);
    }

    /// <summary>
    /// A deployment may not change the traffic of an endpoint whose rollout runs (it may state the policy from before
    /// the rollout, or the one the rollout set) nor drop the rollout's target; deleting the endpoint ends the rollout.
    /// </summary>
    private static List<string> RolloutConflicts(DesiredState state, DeploymentSpec deployment)
    {
        var conflicts = new List<string>();
        foreach (var (name, endpoint) in state.Endpoints)
        {
            if (endpoint.RunningRollout is not { } rollout || !deployment.Endpoints.TryGetValue(name, out var spec))
            {
                continue;
            }

            if (!SameWeights(rollout.BeforeTraffic, spec.Traffic) && !SameWeights(endpoint.Traffic, spec.Traffic))
            {
                conflicts.Add($"endpoints.{name}.traffic: {RolloutCommands.RunningMessage(name, rollout)}");
            }
            else if (!deployment.Backends.ContainsKey(rollout.To))
            {
                conflicts.Add($"backends: '{rollout.To}' is the target of the rollout running on endpoint '{name}' (promote or DELETE the rollout first)");
            }
            else
            {
                // A rollback puts the policy from before back: every backend it names must still exist then.
                conflicts.AddRange(rollout.BeforeTraffic.Keys.Where(b => !deployment.Backends.ContainsKey(b)).Select(b =>
                    $"backends: '{b}' is in the policy the rollout running on endpoint '{name}' rolls back to (promote or DELETE the rollout first)"));
            }
        }

        return conflicts;
    }

    private static bool SameIdentity(BackendSpec a, BackendSpec b) =>
        a.Class == b.Class
        && SameJson(a.InitArgs, b.InitArgs)
        && Canonical(a.Resources) == Canonical(b.Resources);

    private static string Canonical<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The same JSON value, however it is spaced and in whatever order its properties come (as a file gives it, or as the store wrote it back).</summary>
    private static bool SameJson(JsonElement? a, JsonElement? b) =>
        a is { } x && b is { } y ? JsonElement.DeepEquals(x, y) : a is null && b is null;

    private static bool SameWeights(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var w) && Math.Abs(w - kv.Value) < 1e-12);
}
