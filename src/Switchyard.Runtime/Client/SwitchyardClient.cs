using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Switchyard.Runtime.Client;

/// <summary>
/// An <see cref="IServeClient"/> in a process that is not a node: it joins the cluster as an Orleans client
/// through a node's gateway port and keeps its own router current, so handle calls take the same path as HTTP.
/// </summary>
public sealed class SwitchyardClient : IServeClient, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IServeClient _client;

    private SwitchyardClient(IHost host)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IServeClient>();
    }

    /// <summary>Connects to the single-node cluster whose gateway listens on <paramref name="gatewayPort"/> (loopback).</summary>
    public static async Task<SwitchyardClient> ConnectAsync(int gatewayPort = 30000, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, serviceId: "switchyard", clusterId: "switchyard");
            client.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType));
        });
        RuntimeServices.Add(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new SwitchyardClient(host);
    }

    /// <inheritdoc />
    public Task CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken = default) =>
        _client.CreateBackendAsync(name, spec, cancellationToken);

    /// <inheritdoc />
    public Task SetBackendConfigAsync(string name, BackendConfigUpdate update, CancellationToken cancellationToken = default) =>
        _client.SetBackendConfigAsync(name, update, cancellationToken);

    /// <inheritdoc />
    public Task DeleteBackendAsync(string name, CancellationToken cancellationToken = default) =>
        _client.DeleteBackendAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task CreateEndpointAsync(string name, string backend, string? route = null, IReadOnlyList<string>? methods = null, CancellationToken cancellationToken = default) =>
        _client.CreateEndpointAsync(name, backend, route, methods, cancellationToken);

    /// <inheritdoc />
    public Task DeleteEndpointAsync(string name, CancellationToken cancellationToken = default) =>
        _client.DeleteEndpointAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task SetTrafficAsync(string endpoint, IReadOnlyDictionary<string, double> traffic, CancellationToken cancellationToken = default) =>
        _client.SetTrafficAsync(endpoint, traffic, cancellationToken);

    /// <inheritdoc />
    public Task ShadowTrafficAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken = default) =>
        _client.ShadowTrafficAsync(endpoint, backend, proportion, cancellationToken);

    /// <inheritdoc />
    public Task<DeployResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken = default) =>
        _client.DeployAsync(deployment, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken = default) =>
        _client.ListBackendsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken = default) =>
        _client.ListEndpointsAsync(cancellationToken);

    /// <inheritdoc />
    public ServeHandle GetHandle(string endpoint) => _client.GetHandle(endpoint);

    /// <summary>Leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
