using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

/// <summary>A node embedded in a test: its options (four loopback ports nobody holds, its name and its state folder), and the started host.</summary>
internal static class EmbeddedNode
{
    public static SwitchyardNodeOptions Options(string nodeId, string stateDirectory, Action<SwitchyardNodeOptions>? configure = null)
    {
        var options = new SwitchyardNodeOptions
        {
            HttpPort = FreePort(),
            AdminPort = FreePort(),
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            NodeId = nodeId,
            StateDirectory = stateDirectory,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A started host application embedding a node with the backends <paramref name="backends"/> registers, its log
    /// at Warning; the caller stops and disposes it.
    /// </summary>
    public static async Task<WebApplication> StartAsync(SwitchyardNodeOptions options, Action<SwitchyardBuilder> backends)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        backends(builder.AddSwitchyard(options));
        var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();
        return app;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the node's ingress lists a route to <paramref name="endpoint"/> (its router has the change).</summary>
    public static async Task WaitForRouteAsync(HttpClient http, string endpoint) =>
        await Eventually.ValueAsync(
            ct => http.GetStringAsync("-/routes", ct),
            routes => routes.Contains(endpoint, StringComparison.Ordinal),
            $"a route to {endpoint} in -/routes",
            seconds: 10,
            describe: routes => routes,
            every: TimeSpan.FromMilliseconds(20));
}
