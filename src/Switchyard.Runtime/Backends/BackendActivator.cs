using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// Builds backend instances: constructor parameters that are services (<see cref="ReplicaContext"/>, loggers,
/// <see cref="IServeClient"/>, anything registered) are injected; the rest bind to the init args, a JSON array
/// in order or a JSON object by parameter name.
/// </summary>
internal sealed class BackendActivator
{
    private readonly IServiceProvider _services;
    private readonly IServiceProviderIsService _isService;

    public BackendActivator(IServiceProvider services)
    {
        _services = services;
        _isService = services.GetRequiredService<IServiceProviderIsService>();
    }

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

        _ = Bind(registration.Type, initArgs, path, problems);
    }

    /// <summary>Creates the backend for one replica; throws <see cref="InvalidOperationException"/> naming the parameter when init args do not bind.</summary>
    public object Create(BackendRegistration registration, JsonElement? initArgs, ReplicaContext context)
    {
        if (registration.Factory is { } factory)
        {
            return factory(_services, context);
        }

        var problems = new Problems();
        var bound = Bind(registration.Type!, initArgs, "init_args", problems);
        if (bound is null)
        {
            throw new InvalidOperationException($"Cannot create {registration.Type!.FullName}: {problems}");
        }

        var (constructor, values) = bound.Value;
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = values[i] is Unbound ? ResolveService(parameters[i].ParameterType, registration.Type!, context) : values[i];
        }

        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private object? ResolveService(Type type, Type backendType, ReplicaContext context)
    {
        if (type == typeof(ReplicaContext))
        {
            return context;
        }

        if (type == typeof(ILogger))
        {
            return _services.GetRequiredService<ILoggerFactory>().CreateLogger(backendType);
        }

        return _services.GetRequiredService(type);
    }

    private bool IsService(Type type) =>
        type == typeof(ReplicaContext) || type == typeof(ILogger) || _isService.IsService(type);

    private (ConstructorInfo Constructor, object?[] Values)? Bind(Type type, JsonElement? initArgs, string path, Problems problems)
    {
        var constructors = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).ToList();
        if (constructors.Count == 0)
        {
            problems.Add(path, $"{type.FullName} has no public constructor");
            return null;
        }

        Problems? first = null;
        foreach (var constructor in constructors)
        {
            var attempt = new Problems();
            var values = TryBind(constructor, initArgs, path, attempt);
            if (!attempt.Any)
            {
                return (constructor, values);
            }

            first ??= attempt;
        }

        foreach (var item in first!.Items)
        {
            problems.Add(string.Empty, item);
        }

        return null;
    }

    private object?[] TryBind(ConstructorInfo constructor, JsonElement? initArgs, string path, Problems problems)
    {
        var parameters = constructor.GetParameters();
        var values = new object?[parameters.Length];
        var argParameters = new List<int>();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (IsService(parameters[i].ParameterType))
            {
                values[i] = Unbound.Value;
            }
            else
            {
                argParameters.Add(i);
            }
        }

        var typeName = constructor.DeclaringType!.Name;
        var args = initArgs is { ValueKind: JsonValueKind.Array or JsonValueKind.Object } a ? a : (JsonElement?)null;
        if (args is { ValueKind: JsonValueKind.Array } array)
        {
            var count = array.GetArrayLength();
            if (count > argParameters.Count)
            {
                problems.Add(path, $"{count} values given but {typeName} takes {argParameters.Count} init args ({Names(parameters, argParameters)})");
                return values;
            }

            for (var k = 0; k < argParameters.Count; k++)
            {
                var parameter = parameters[argParameters[k]];
                values[argParameters[k]] = k < count
                    ? Convert(array[k], parameter, $"{path}[{k}]", problems)
                    : Default(parameter, path, problems);
            }
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var index in argParameters)
            {
                var parameter = parameters[index];
                if (args is { } obj && TryGetProperty(obj, parameter.Name!, out var value, out var matched))
                {
                    seen.Add(matched);
                    values[index] = Convert(value, parameter, $"{path}.{parameter.Name}", problems);
                }
                else
                {
                    values[index] = Default(parameter, path, problems);
                }
            }

            if (args is { } given)
            {
                foreach (var property in given.EnumerateObject().Where(p => !seen.Contains(p.Name)))
                {
                    problems.Add($"{path}.{property.Name}", $"{typeName} has no constructor parameter named '{property.Name}' (init args: {Names(parameters, argParameters)})");
                }
            }
        }

        return values;
    }

    /// <summary>Finds the init arg for a parameter: same name ignoring case and underscores (<c>intra_op_threads</c> binds <c>intraOpThreads</c>).</summary>
    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value, out string matched)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name.Replace("_", string.Empty, StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                matched = property.Name;
                return true;
            }
        }

        value = default;
        matched = string.Empty;
        return false;
    }

    private static object? Convert(JsonElement value, ParameterInfo parameter, string path, Problems problems)
    {
        if (parameter.ParameterType == typeof(JsonElement))
        {
            return value.Clone();
        }

        try
        {
            var converted = value.Deserialize(parameter.ParameterType, ServeJson.Options);
            if (converted is null && parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null)
            {
                problems.Add(path, $"parameter '{parameter.Name}' ({parameter.ParameterType.Name}) cannot be null");
            }

            return converted;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            problems.Add(path, $"cannot bind {SpecReader.Describe(value)} to parameter '{parameter.Name}' of type {parameter.ParameterType.Name}");
            return null;
        }
    }

    private static object? Default(ParameterInfo parameter, string path, Problems problems)
    {
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        problems.Add(path, $"missing init arg for parameter '{parameter.Name}' ({parameter.ParameterType.Name})");
        return null;
    }

    private static string Names(ParameterInfo[] parameters, List<int> indices) =>
        indices.Count == 0 ? "none" : string.Join(", ", indices.Select(i => $"{parameters[i].Name}: {parameters[i].ParameterType.Name}"));

    private static bool HasArgs(JsonElement? args) => args switch
    {
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>Marks a parameter that is filled from services at creation.</summary>
    private sealed class Unbound
    {
        public static readonly Unbound Value = new();
    }
}
