using System.Net;
using System.Net.Sockets;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

/// <summary>Options of a node embedded in a test: four loopback ports nobody holds, its name and its state folder.</summary>
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
