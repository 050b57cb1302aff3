namespace Switchyard;

/// <summary>
/// Manages backends and endpoints and calls endpoints from .NET. Available through DI inside a node and in
/// backends (composition), and from another process with a client connected to the cluster.
/// Rejected calls throw <see cref="ServeException"/> with the status the admin API would return (400, 404, 409).
/// </summary>
public interface IServeClient
{
    /// <summary>Creates a backend; returns once each replica is running, pending or failed.</summary>
    Task CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Merges a partial configuration into a backend's; returns after reconciling.</summary>
    Task SetBackendConfigAsync(string name, BackendConfigUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a backend that no endpoint uses.</summary>
    Task DeleteBackendAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates an endpoint that sends all traffic to <paramref name="backend"/>.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="backend">The backend that gets all its traffic.</param>
    /// <param name="route">The HTTP route, or null for a handle-only endpoint.</param>
    /// <param name="methods">Allowed HTTP methods (default <c>GET</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CreateEndpointAsync(string name, string backend, string? route = null, IReadOnlyList<string>? methods = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an endpoint.</summary>
    Task DeleteEndpointAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets an endpoint's traffic policy (backend to weight, weights sum to 1).</summary>
    Task SetTrafficAsync(string endpoint, IReadOnlyDictionary<string, double> traffic, CancellationToken cancellationToken = default);

    /// <summary>Copies <paramref name="proportion"/> of an endpoint's requests to a shadow backend (0 removes it).</summary>
    Task ShadowTrafficAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken = default);

    /// <summary>Applies a whole deployment: creates, updates and deletes so the cluster matches it.</summary>
    Task<DeployResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken = default);

    /// <summary>Lists backends by name.</summary>
    Task<IReadOnlyDictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists endpoints by name.</summary>
    Task<IReadOnlyDictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>A handle that calls <paramref name="endpoint"/> through the same routing as HTTP.</summary>
    ServeHandle GetHandle(string endpoint);
}
