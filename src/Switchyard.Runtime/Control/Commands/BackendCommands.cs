using System.Text.Json;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>Creating, reconfiguring and deleting backends, as transitions of the desired state. Pure logic.</summary>
internal static class BackendCommands
{
    public static Transition Create(DesiredState state, string name, BackendSpec spec, IBackendCheck check)
    {
        var problems = new Problems();
        SpecValidator.ValidateName(name, "backend", problems);
        check.Check(spec, string.Empty, problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        if (state.Backends.ContainsKey(name))
        {
            return Transition.Reject(Outcome.Conflict($"backend '{name}' already exists"));
        }

        return Transition.Accept(Outcome.Created, state.WithBackend(name, BackendState.New(spec)), new Effects { Reconcile = [name] });
    }

    /// <summary>Merges a partial config (a JSON object) into the backend's; replicas get it without restarting.</summary>
    public static Transition UpdateConfig(DesiredState state, string name, string configPatchJson, IBackendCheck check)
    {
        if (!state.Backends.TryGetValue(name, out var backend))
        {
            return Transition.Reject(Outcome.NotFound($"backend '{name}' does not exist"));
        }

        var problems = new Problems();
        BackendConfig config;
        try
        {
            using var patch = JsonDocument.Parse(configPatchJson);
            config = SpecReader.ReadConfig(patch.RootElement, backend.Spec.Config, string.Empty, problems);
        }
        catch (JsonException ex)
        {
            problems.Add(string.Empty, $"the body is not valid JSON: {ex.Message}");
            return Transition.Reject(Outcome.Invalid(problems));
        }

        var spec = backend.Spec with { Config = config };
        check.Check(spec, string.Empty, problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        var next = state.WithBackend(name, backend.WithSpec(spec));
        return Transition.Accept(Outcome.Ok, next, new Effects { Reconfigure = [name], Reconcile = [name] });
    }

    public static Transition Delete(DesiredState state, string name)
    {
        if (!state.Backends.TryGetValue(name, out var backend))
        {
            return Transition.Reject(Outcome.NotFound($"backend '{name}' does not exist"));
        }

        var users = state.Endpoints.Select(e => e.Value.UseOf(e.Key, name)).OfType<string>().ToList();
        if (users.Count > 0)
        {
            return Transition.Reject(Outcome.Conflict(users));
        }

        return Transition.Accept(Outcome.NoContent, state.WithoutBackend(name), new Effects { Retire = [new(name, backend)] });
    }
}
