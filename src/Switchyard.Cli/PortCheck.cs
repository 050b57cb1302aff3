using System.Net;
using System.Net.Sockets;

namespace Switchyard.Cli;

/// <summary>Checks that a port can be bound before the node starts, so a taken port is one clear line, not a stack trace.</summary>
internal static class PortCheck
{
    public static void EnsureFree(string host, int port, string option)
    {
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new CommandLineException($"{option} {port} on {host} is already in use (or not allowed): choose another port");
        }
    }
}
