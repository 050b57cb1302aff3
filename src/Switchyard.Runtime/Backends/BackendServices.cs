using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// The constructor parameters of a backend that are injected rather than bound to init args: the replica's
/// <see cref="ReplicaContext"/>, a logger, and anything registered in the host's services.
/// </summary>
internal sealed class BackendServices
{
    private readonly IServiceProvider _services;
    private readonly IServiceProviderIsService _isService;

    public BackendServices(IServiceProvider services)
    {
        _services = services;
        _isService = services.GetRequiredService<IServiceProviderIsService>();
    }

    public bool IsService(Type type) =>
        type == typeof(ReplicaContext) || type == typeof(ILogger) || _isService.IsService(type);

    /// <summary>The value for a service parameter of <paramref name="backendType"/>'s constructor.</summary>
    public object Resolve(Type type, Type backendType, ReplicaContext context)
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

    /// <summary>Builds a function backend registered in code.</summary>
    public object Create(Func<IServiceProvider, ReplicaContext, object> factory, ReplicaContext context) => factory(_services, context);
}
