using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>
/// Creating and deleting endpoints and changing their traffic and shadows, as transitions of the desired state.
/// Every problem of one kind is reported at once (invalid input 400, then missing names 404, then conflicts 409).
/// </summary>
internal static class EndpointCommands
{
    public static Transition Create(DesiredState state, string name, string backend, string? route, IReadOnlyList<string>? methods)
    {
        var problems = new Problems();
        SpecValidator.ValidateName(name, "endpoint", problems);
        SpecValidator.ValidateRoute(route, "route", problems);
        var normalized = NormalizeMethods(methods ?? ["GET"]);
        SpecValidator.ValidateMethods(normalized, "methods", problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        if (!state.Backends.ContainsKey(backend))
        {
            return Transition.Reject(Outcome.NotFound($"backend '{backend}' does not exist"));
        }

        var conflicts = new List<string>();
        if (state.Endpoints.ContainsKey(name))
        {
            conflicts.Add($"endpoint '{name}' already exists");
        }

        if (route is not null && state.Endpoints.FirstOrDefault(e => e.Value.Route == route) is { Key: { } holder })
        {
            conflicts.Add($"route '{route}' is taken by endpoint '{holder}'");
        }

        if (conflicts.Count > 0)
        {
            return Transition.Reject(Outcome.Conflict(conflicts));
        }

        var traffic = EndpointState.Freeze([new(backend, 1.0)]);
        var endpoint = new EndpointState(route, normalized, traffic, TrafficTable.Create(traffic), EndpointState.Freeze([]));
        return Transition.Accept(Outcome.Created, state.WithEndpoint(name, endpoint));
    }

    public static Transition Delete(DesiredState state, string name) =>
        state.Endpoints.ContainsKey(name)
            ? Transition.Accept(Outcome.NoContent, state.WithoutEndpoint(name))
            : Transition.Reject(Outcome.NotFound($"endpoint '{name}' does not exist"));

    /// <summary>A new traffic policy; the table is rebalanced so only the keys that must move move (CONTRACT section 8).</summary>
    public static Transition SetTraffic(DesiredState state, string name, IReadOnlyDictionary<string, double> traffic)
    {
        var problems = new Problems();
        SpecValidator.ValidateTraffic(traffic, "traffic", problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        if (!state.Endpoints.TryGetValue(name, out var endpoint))
        {
            return Transition.Reject(Outcome.NotFound($"endpoint '{name}' does not exist"));
        }

        var missing = traffic.Keys.Where(b => !state.Backends.ContainsKey(b)).Select(b => $"backend '{b}' does not exist").ToList();
        if (missing.Count > 0)
        {
            return Transition.Reject(Outcome.NotFound(missing));
        }

        if (endpoint.RunningRollout is { } rollout)
        {
            return Transition.Reject(Outcome.Conflict(RolloutCommands.RunningMessage(name, rollout)));
        }

        var weights = EndpointState.Freeze(traffic);
        return Transition.Accept(Outcome.Ok, state.WithEndpoint(name, endpoint with { Traffic = weights, Table = endpoint.Table.Rebalance(weights) }));
    }

    /// <summary>Copies <paramref name="proportion"/> of the endpoint's requests to <paramref name="backend"/>; 0 removes the shadow.</summary>
    public static Transition SetShadow(DesiredState state, string name, string backend, double proportion)
    {
        var problems = new Problems();
        SpecValidator.ValidateShadowProportion(proportion, "proportion", problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        if (!state.Endpoints.TryGetValue(name, out var endpoint))
        {
            return Transition.Reject(Outcome.NotFound($"endpoint '{name}' does not exist"));
        }

        if (!state.Backends.ContainsKey(backend))
        {
            return Transition.Reject(Outcome.NotFound($"backend '{backend}' does not exist"));
        }

        var shadows = new Dictionary<string, double>(endpoint.Shadows, StringComparer.Ordinal);
        if (proportion == 0)
        {
            shadows.Remove(backend);
        }
        else
        {
            shadows[backend] = proportion;
        }

        return Transition.Accept(Outcome.Ok, state.WithEndpoint(name, endpoint with { Shadows = EndpointState.Freeze(shadows) }));
    }

    public static string[] NormalizeMethods(IEnumerable<string> methods) =>
        methods.Select(m => m.ToUpperInvariant()).Distinct().ToArray();
}
