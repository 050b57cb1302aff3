using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Four free loopback ports for one node.</summary>
public sealed record NodePorts(int Http, int Admin, int Silo, int Gateway)
{
    public static NodePorts Free()
    {
        var listeners = Enumerable.Range(0, 4).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return new NodePorts(ports[0], ports[1], ports[2], ports[3]);
    }
}
