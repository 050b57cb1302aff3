using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Backends;

namespace Switchyard.Runtime.Hosting;

/// <summary>Registers the backend types and functions a node may deploy.</summary>
public sealed class SwitchyardBuilder
{
    internal SwitchyardBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services (register what backends inject here).</summary>
    public IServiceCollection Services { get; }

    /// <summary>Makes <typeparamref name="T"/> deployable by full name and simple name.</summary>
    public SwitchyardBuilder AddBackend<T>()
        where T : class
    {
        Services.AddSingleton(BackendRegistration.ForType(typeof(T)));
        return this;
    }

    /// <summary>Makes <typeparamref name="T"/> deployable by full name, simple name, and <paramref name="alias"/>.</summary>
    public SwitchyardBuilder AddBackend<T>(string alias)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(alias);
        AddBackend<T>();
        Services.AddSingleton(BackendRegistration.ForType(typeof(T), alias));
        return this;
    }

    /// <summary>Makes a function deployable under <paramref name="name"/> (one request per call).</summary>
    public SwitchyardBuilder AddBackend(string name, Func<ServeRequest, CancellationToken, ValueTask<object?>> function)
    {
        Services.AddSingleton(BackendRegistration.ForFunction(name, (_, _) => new FunctionBackend(function), isBatch: false));
        return this;
    }

    /// <summary>Makes a batch function deployable under <paramref name="name"/>.</summary>
    public SwitchyardBuilder AddBatchBackend(string name, Func<IReadOnlyList<ServeRequest>, CancellationToken, ValueTask<IReadOnlyList<object?>>> function)
    {
        Services.AddSingleton(BackendRegistration.ForFunction(name, (_, _) => new BatchFunctionBackend(function), isBatch: true));
        return this;
    }

    /// <summary>Makes every public backend type of <paramref name="assembly"/> deployable.</summary>
    public SwitchyardBuilder AddAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes().Where(BackendRegistration.IsBackendType))
        {
            Services.AddSingleton(BackendRegistration.ForType(type));
        }

        return this;
    }
}
