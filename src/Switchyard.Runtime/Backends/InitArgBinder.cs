using System.Reflection;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// Binds init args to a backend's constructor: parameters that are services are left to injection, the rest take
/// a JSON array in order or a JSON object by name (<see cref="InitArgNames"/>). Every problem is named with its path.
/// </summary>
internal static class InitArgBinder
{
    /// <summary>The widest constructor the init args bind to, or null with the problems of the widest one.</summary>
    public static InitArgBinding? Bind(Type type, JsonElement? initArgs, string path, Problems problems, Func<Type, bool> isService)
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
            var binding = TryBind(constructor, initArgs, path, attempt, isService);
            if (!attempt.Any)
            {
                return binding;
            }

            first ??= attempt;
        }

        foreach (var item in first!.Items)
        {
            problems.Add(string.Empty, item);
        }

        return null;
    }

    private static InitArgBinding TryBind(ConstructorInfo constructor, JsonElement? initArgs, string path, Problems problems, Func<Type, bool> isService)
    {
        var parameters = constructor.GetParameters();
        var values = new object?[parameters.Length];
        var fromServices = new bool[parameters.Length];
        var argParameters = new List<int>();
        for (var i = 0; i < parameters.Length; i++)
        {
            fromServices[i] = isService(parameters[i].ParameterType);
            if (!fromServices[i])
            {
                argParameters.Add(i);
            }
        }

        var binding = new InitArgBinding(constructor, values, fromServices);
        var typeName = constructor.DeclaringType!.Name;
        switch (initArgs)
        {
            case { ValueKind: JsonValueKind.Array } array:
                BindArray(array, parameters, argParameters, values, typeName, path, problems);
                break;
            case { ValueKind: JsonValueKind.Object } obj:
                BindObject(obj, parameters, argParameters, values, typeName, path, problems);
                break;
            default:
                foreach (var index in argParameters)
                {
                    values[index] = Default(parameters[index], path, problems);
                }

                break;
        }

        return binding;
    }

    private static void BindArray(JsonElement array, ParameterInfo[] parameters, List<int> argParameters, object?[] values, string typeName, string path, Problems problems)
    {
        var count = array.GetArrayLength();
        if (count > argParameters.Count)
        {
            problems.Add(path, $"{count} values given but {typeName} takes {argParameters.Count} init args ({Names(parameters, argParameters)})");
            return;
        }

        for (var k = 0; k < argParameters.Count; k++)
        {
            var parameter = parameters[argParameters[k]];
            values[argParameters[k]] = k < count
                ? Convert(array[k], parameter, $"{path}[{k}]", problems)
                : Default(parameter, path, problems);
        }
    }

    private static void BindObject(JsonElement obj, ParameterInfo[] parameters, List<int> argParameters, object?[] values, string typeName, string path, Problems problems)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var index in argParameters)
        {
            var key = InitArgNames.Key(parameters[index].Name!);
            if (byKey.TryGetValue(key, out var other))
            {
                problems.Add(path, $"{typeName}'s parameters '{parameters[other].Name}' and '{parameters[index].Name}' differ only in case or underscores, so init args cannot name them apart (pass an array)");
                return;
            }

            byKey[key] = index;
        }

        var given = new Dictionary<int, JsonProperty>();
        var unmatched = new List<(string Path, string Message)>();
        foreach (var property in obj.EnumerateObject())
        {
            if (!byKey.TryGetValue(InitArgNames.Key(property.Name), out var index))
            {
                unmatched.Add(($"{path}.{property.Name}", $"{typeName} has no constructor parameter named '{property.Name}' (init args: {Names(parameters, argParameters)})"));
            }
            else if (given.TryGetValue(index, out var earlier))
            {
                unmatched.Add(($"{path}.{property.Name}", $"'{earlier.Name}' and '{property.Name}' both name parameter '{parameters[index].Name}'"));
            }
            else
            {
                given[index] = property;
            }
        }

        foreach (var index in argParameters)
        {
            var parameter = parameters[index];
            values[index] = given.TryGetValue(index, out var property)
                ? Convert(property.Value, parameter, $"{path}.{parameter.Name}", problems)
                : Default(parameter, path, problems);
        }

        foreach (var (at, message) in unmatched)
        {
            problems.Add(at, message);
        }
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
}
