namespace Switchyard.Runtime.Backends;

/// <summary>A deployable backend: a .NET type, or a function registered in code under a name.</summary>
internal sealed class BackendRegistration
{
    private BackendRegistration(string name, Type? type, Func<IServiceProvider, ReplicaContext, object>? factory, bool isBatch)
    {
        Name = name;
        Type = type;
        Factory = factory;
        IsBatch = isBatch;
        SpecValidator = type is not null && typeof(ISpecValidator).IsAssignableFrom(type) ? SpecValidation.For(type) : null;
    }

    /// <summary>The name it was registered under (alias, or the type's full name).</summary>
    public string Name { get; }

    /// <summary>The backend type, or null for a function.</summary>
    public Type? Type { get; }

    /// <summary>Builds a function backend.</summary>
    public Func<IServiceProvider, ReplicaContext, object>? Factory { get; }

    /// <summary>True when one call receives a whole batch.</summary>
    public bool IsBatch { get; }

    /// <summary>The type's own spec check (<see cref="ISpecValidator"/>), or null when it has none.</summary>
    public Func<BackendSpec, IEnumerable<SpecProblem>>? SpecValidator { get; }

    public static BackendRegistration ForType(Type type, string? alias = null)
    {
        var isBatch = typeof(IBatchBackend).IsAssignableFrom(type);
        if (!isBatch && !typeof(IBackend).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} implements neither IBackend nor IBatchBackend.", nameof(type));
        }

        if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters)
        {
            throw new ArgumentException($"{type.FullName} cannot be instantiated (abstract, interface or open generic).", nameof(type));
        }

        return new BackendRegistration(alias ?? type.FullName!, type, null, isBatch);
    }

    public static BackendRegistration ForFunction(string name, Func<IServiceProvider, ReplicaContext, object> factory, bool isBatch) =>
        new(name, null, factory, isBatch);

    public static bool IsBackendType(Type type) =>
        type is { IsPublic: true, IsAbstract: false, IsInterface: false, ContainsGenericParameters: false }
        && (typeof(IBackend).IsAssignableFrom(type) || typeof(IBatchBackend).IsAssignableFrom(type));
}
