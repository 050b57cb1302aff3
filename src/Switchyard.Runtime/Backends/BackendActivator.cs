using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// Builds backend instances: constructor parameters that are services (<see cref="BackendServices"/>) are
/// injected; the rest bind to the init args (<see cref="InitArgBinder"/>).
/// </summary>
internal sealed class BackendActivator
{
    private readonly BackendServices _services;

    public BackendActivator(IServiceProvider services) => _services = new BackendServices(services);

    /// <summary>Checks that <paramref name="initArgs"/> bind to the backend's constructor, naming each problem.</summary>
    public void Validate(BackendRegistration registration, JsonElement? initArgs, string path, Problems problems)
    {
        if (registration.Type is null)
        {
            if (HasArgs(initArgs))
            {
                problems.Add(path, $"backend function '{registration.Name}' takes no init args");
            }

            return;
        }

        _ = InitArgBinder.Bind(registration.Type, initArgs, path, problems, _services.IsService);
    }

    /// <summary>Creates the backend for one replica; throws <see cref="InvalidOperationException"/> naming the parameter when init args do not bind.</summary>
    public object Create(BackendRegistration registration, JsonElement? initArgs, ReplicaContext context)
    {
        if (registration.Factory is { } factory)
        {
            return _services.Create(factory, context);
        }

        var type = registration.Type!;
        var problems = new Problems();
        var binding = InitArgBinder.Bind(type, initArgs, "init_args", problems, _services.IsService)
            ?? throw new InvalidOperationException($"Cannot create {type.FullName}: {problems}");
        var parameters = binding.Constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = binding.FromServices[i] ? _services.Resolve(parameters[i].ParameterType, type, context) : binding.Values[i];
        }

        try
        {
            return binding.Constructor.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static bool HasArgs(JsonElement? args) => args switch
    {
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any(),
        _ => false,
    };
}
