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

    /// <summary>
    /// Connects with <paramref name="options"/> (by default, the gateway on loopback port 30000 without a token): the
    /// gateway port, and the node's admin token when it has one (a node started with a token refuses gateway
    /// connections that cannot prove they hold it).
    /// </summary>
    public static async Task<SwitchyardClient> ConnectAsync(SwitchyardClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SwitchyardClientOptions();
        SwitchyardClientOptionsValidator.ThrowIfInvalid(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(options.GatewayPort, serviceId: "switchyard", clusterId: "switchyard");
            client.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType));
            ClientLinkSecurity.Configure(client, options);
            var attempts = 0;
            client.UseConnectionRetryFilter(async (exception, ct) =>
            {
                // A node still starting deserves a few tries; a refused token never gets better.
                if (IsRefusal(exception) || ++attempts > 5)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempts), TimeProvider.System, ct);
                return true;
            });
        });
        RuntimeServices.Add(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            host.Dispose();
            throw new UnauthorizedAccessException($"the node's gateway on port {options.GatewayPort} refused this client: give it the node's admin token (SwitchyardClientOptions.AdminToken)", ex);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new SwitchyardClient(host);
    }

    private static bool IsRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is UnauthorizedAccessException)
            {
                return true;
            }
        }

        return false;
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
