using System.Text.Json;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    public async Task<ControlResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken)
    {
        var problems = Validate(deployment);
        if (problems.Any)
        {
            return ControlResult.Invalid(problems);
        }

        var created = new List<string>();
        var updated = new List<string>();
        var deleted = new List<string>();
        var reconfigured = new List<string>();
        foreach (var (name, spec) in deployment.Backends)
        {
            if (!State.Backends.TryGetValue(name, out var existing))
            {
                State.Backends[name] = new BackendRecord { Spec = spec };
                created.Add(name);
            }
            else if (!SameIdentity(existing.Spec, spec))
            {
                existing.Spec = spec;
                existing.Generation++;
                updated.Add(name);
            }
            else if (Canonical(existing.Spec.Config) != Canonical(spec.Config))
            {
                existing.Spec = spec;
                reconfigured.Add(name);
                updated.Add(name);
            }
        }

        foreach (var (name, spec) in deployment.Endpoints)
        {
            var traffic = new Dictionary<string, double>(spec.Traffic, StringComparer.Ordinal);
            var shadows = new Dictionary<string, double>(spec.Shadows.Where(s => s.Value > 0), StringComparer.Ordinal);
            var methods = spec.Methods.Select(m => m.ToUpperInvariant()).Distinct().ToArray();
            if (!State.Endpoints.TryGetValue(name, out var existing))
            {
                State.Endpoints[name] = new EndpointRecord { Route = spec.Route, Methods = methods, Traffic = traffic, Table = TrafficTable.Create(traffic), Shadows = shadows };
                created.Add(name);
                continue;
            }

            var sameTraffic = SameWeights(existing.Traffic, traffic);
            if (sameTraffic && existing.Route == spec.Route && existing.Methods.SequenceEqual(methods) && SameWeights(existing.Shadows, shadows))
            {
                continue;
            }

            existing.Route = spec.Route;
            existing.Methods = methods;
            existing.Shadows = shadows;
            if (!sameTraffic)
            {
                existing.Traffic = traffic;
                existing.Table = existing.Table.Rebalance(traffic);
            }

            updated.Add(name);
        }

        foreach (var name in State.Endpoints.Keys.Where(n => !deployment.Endpoints.ContainsKey(n)).ToList())
        {
            State.Endpoints.Remove(name);
            deleted.Add(name);
        }

        var removed = State.Backends.Where(b => !deployment.Backends.ContainsKey(b.Key)).ToList();
        foreach (var (name, backend) in removed)
        {
            State.Backends.Remove(name);
            deleted.Add(name);
        }

        await PersistAsync();
        Log.Deployed(_logger, created.Count, updated.Count, deleted.Count);
        foreach (var (name, backend) in removed)
        {
            RetireAll(name, backend);
        }

        foreach (var name in reconfigured)
        {
            await ApplyConfigAsync(name, State.Backends[name], cancellationToken);
        }

        foreach (var name in deployment.Backends.Keys)
        {
            await ReconcileAsync(name, cancellationToken);
        }

        Publish();
        return Ack(new ControlResult(200, [], new DeployResult { Created = created, Updated = updated, Deleted = deleted }));
    }

    private Problems Validate(DeploymentSpec deployment)
    {
        var problems = new Problems();
        foreach (var (name, spec) in deployment.Backends)
        {
            var path = $"backends.{name}";
            var named = new Problems();
            SpecValidator.ValidateName(name, "backend", named);
            foreach (var item in named.Items)
            {
                problems.Add(path, item["name: ".Length..]);
            }

            ValidateBackend(spec, path, problems);
        }

        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, spec) in deployment.Endpoints)
        {
            var path = $"endpoints.{name}";
            var named = new Problems();
            SpecValidator.ValidateName(name, "endpoint", named);
            foreach (var item in named.Items)
            {
                problems.Add(path, item["name: ".Length..]);
            }

            SpecValidator.ValidateRoute(spec.Route, $"{path}.route", problems);
            if (spec.Route is not null && !routes.TryAdd(spec.Route, name))
            {
                problems.Add($"{path}.route", $"'{spec.Route}' is also the route of endpoint '{routes[spec.Route]}'");
            }

            SpecValidator.ValidateMethods(spec.Methods.Select(m => m.ToUpperInvariant()).ToList(), $"{path}.methods", problems);
            SpecValidator.ValidateTraffic(spec.Traffic, $"{path}.traffic", problems);
            foreach (var backend in spec.Traffic.Keys.Concat(spec.Shadows.Keys).Distinct().Where(b => !deployment.Backends.ContainsKey(b)))
            {
                problems.Add(path, $"backend '{backend}' is not declared in this deployment");
            }

            foreach (var (backend, proportion) in spec.Shadows)
            {
                SpecValidator.ValidateShadowProportion(proportion, $"{path}.shadows.{backend}", problems);
            }
        }

        return problems;
    }

    private static bool SameIdentity(BackendSpec a, BackendSpec b) =>
        a.Class == b.Class
        && (a.InitArgs?.GetRawText() ?? "null") == (b.InitArgs?.GetRawText() ?? "null")
        && Canonical(a.Resources) == Canonical(b.Resources);

    private static string Canonical<T>(T value) => JsonSerializer.Serialize(value);

    private static bool SameWeights(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var w) && Math.Abs(w - kv.Value) < 1e-12);
}
