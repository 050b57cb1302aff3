using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Ports a node keeps across restarts, picked below the kernel's ephemeral range (32768-60999 on Linux): a port the
/// OS handed out as free may meanwhile become the local end of some outgoing connection, which a node restarted on it
/// would then fail to bind. Below that range only listeners take ports.
/// </summary>
public static class StablePorts
{
    private const int First = 20000;
    private const int Last = 32000;

    public static NodePorts Pick()
    {
        var ports = new List<int>(4);
        while (ports.Count < 4)
        {
            var port = Random.Shared.Next(First, Last);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return new NodePorts(ports[0], ports[1], ports[2], ports[3]);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
