using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Benchmarks;

/// <summary>An embedded node (real silo, real router) serving a no-op function backend answering "hello" on endpoint <c>noop</c>.</summary>
internal sealed class NoopNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _state;

    private NoopNode(WebApplication app, DirectoryInfo state, ServeHandle handle, int httpPort)
    {
        _app = app;
        _state = state;
        Handle = handle;
        HttpPort = httpPort;
    }

    /// <summary>A handle on the endpoint, in this process.</summary>
    public ServeHandle Handle { get; }

    /// <summary>The node's HTTP port: the endpoint's route is <c>/noop</c> (GET and POST).</summary>
    public int HttpPort { get; }

    public static async Task<NoopNode> StartAsync(int replicas)
    {
        var state = Directory.CreateTempSubdirectory("switchyard-handle-bench-");
        var options = new SwitchyardNodeOptions
        {
            HttpPort = FreePort(),
            AdminPort = FreePort(),
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            NodeId = "bench",
            StateDirectory = state.FullName,
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.AddSwitchyard(options).AddBackend("noop", static (_, _) => ValueTask.FromResult<object?>("hello"));
        var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<IServeClient>();
        await client.CreateBackendAsync("noop", new BackendSpec { Class = "noop", Config = new BackendConfig { NumReplicas = replicas } });
        await client.CreateEndpointAsync("noop", "noop", "/noop", ["POST", "GET"]);
        var handle = client.GetHandle("noop");
        if (await handle.CallAsync<string>("x") != "hello")
        {
            throw new InvalidOperationException("the no-op backend did not answer \"hello\"");
        }

        return new NoopNode(app, state, handle, options.HttpPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
