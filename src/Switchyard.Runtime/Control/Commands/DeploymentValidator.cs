using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>Checks a whole deployment before any of it is applied, naming every problem with its path.</summary>
internal static class DeploymentValidator
{
    public static Problems Validate(DeploymentSpec deployment, IBackendCheck check)
    {
        var problems = new Problems();
        foreach (var (name, spec) in deployment.Backends)
        {
            var path = $"backends.{name}";
            AddNameProblems(name, "backend", path, problems);
            check.Check(spec, path, problems);
        }

        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, spec) in deployment.Endpoints)
        {
            var path = $"endpoints.{name}";
            AddNameProblems(name, "endpoint", path, problems);
            SpecValidator.ValidateRoute(spec.Route, $"{path}.route", problems);
            if (spec.Route is not null && !routes.TryAdd(spec.Route, name))
            {
                problems.Add($"{path}.route", $"'{spec.Route}' is also the route of endpoint '{routes[spec.Route]}'");
            }

            SpecValidator.ValidateMethods(EndpointCommands.NormalizeMethods(spec.Methods), $"{path}.methods", problems);
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

    /// <summary>Name problems under the entry's own path (<c>backends.x: ...</c>) rather than under <c>name</c>.</summary>
    private static void AddNameProblems(string name, string what, string path, Problems problems)
    {
        var named = new Problems();
        SpecValidator.ValidateName(name, what, named);
        foreach (var item in named.Items)
        {
            problems.Add(path, item["name: ".Length..]);
        }
    }
}
