using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A flood of idle connections (docs/security.md): a node that may open 600 files holds at most 44 connections per
/// HTTP port, so 500 idle connections to its ingress do not take the descriptors its admin API, silo, store and
/// runtime need; nor do 500 each to its silo and gateway ports (at most 64 each). The admin API keeps
/// answering and changing state during a flood, and the ingress serves again once the flood leaves.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class ConnectionFloodTests : IAsyncLifetime
{
    private const int OpenFiles = 600;
    private const int PerPort = 44; // (600 - 512) / 2: ConnectionBudget.PerPort(600)
    private const int PerClusterPort = 64; // 512 / 8: ConnectionBudget.PerClusterPort(600)
    private const int Flood = 500;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartWithOpenFileLimitAsync(OpenFiles);
        await _node.DeployAsync("hello", "Echo");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task IdleConnectionsFloodTheIngress_NodeKeepsAdminAndStateAndServesOnceTheyLeave()
    {
        var before = OpenDescriptors(_node.ProcessId);
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < Flood; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, _node.Ports.Http);
                sockets.Add(socket);
            }

            // Those past the port's limit are closed by the node as soon as it accepts them. (Without the limit the
            // node ran out of descriptors: it either held all 500 or died, which closes them too, hence the check.)
            await Eventually.TrueAsync(() => sockets.Count(ClosedByPeer) >= Flood - PerPort, $"the node to close the connections past its {PerPort} per port", seconds: 30);
            Assert.False(_node.HasExited, $"the node died during the flood:\n{_node.Output}");
            Assert.True(sockets.Count(s => !ClosedByPeer(s)) <= PerPort, $"{sockets.Count(s => !ClosedByPeer(s))} connections held, past {PerPort}");
            var during = OpenDescriptors(_node.ProcessId);
            Assert.True(during <= before + PerPort + 16, $"the node holds {during} descriptors during the flood, {before} before it");

            using var status = await _node.Admin.GetAsync("api/status");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            await _node.DeployAsync("during", "Echo"); // a write to the store and a replica start: files and sockets of its own
            Assert.Single(await _node.ReplicasAsync("during"));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }

        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var response = await _node.Http.PostAsync("hello", new StringContent("back"));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the ingress to serve again once the flood left");
    }

    [Fact]
    public async Task IdleConnectionsFloodTheSiloAndGatewayPorts_HttpPortsAndStateKeepWorking()
    {
        var before = OpenDescriptors(_node.ProcessId);
        var sockets = new List<Socket>();
        try
        {
            var refused = 0;
            foreach (var port in new[] { _node.Ports.Gateway, _node.Ports.Silo })
            {
                for (var i = 0; i < Flood; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        await socket.ConnectAsync(IPAddress.Loopback, port);
                        sockets.Add(socket);
                    }
                    catch (SocketException)
                    {
                        // Closed by the node before the connect was even seen through: refused, as meant.
                        socket.Dispose();
                        refused++;
                    }
                }
            }

            // Orleans waits for a preamble without a deadline; the node's bound closes those past it at once.
            await Eventually.TrueAsync(() => refused + sockets.Count(ClosedByPeer) >= 2 * Flood - 2 * PerClusterPort, $"the node to close the connections past its {PerClusterPort} per Orleans port", seconds: 30);
            Assert.False(_node.HasExited, $"the node died during the flood:\n{_node.Output}");
            var during = OpenDescriptors(_node.ProcessId);
            Assert.True(during <= before + 2 * PerClusterPort + 16, $"the node holds {during} descriptors during the flood, {before} before it");

            using var status = await _node.Admin.GetAsync("api/status");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            await _node.DeployAsync("during", "Echo");
            using var served = await _node.Http.PostAsync("during", new StringContent("still here"));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

            // And the ones it holds, which never send Orleans' preamble, are closed after the 10 s deadline for it.
            await Eventually.TrueAsync(() => sockets.All(ClosedByPeer), "the node to close the connections that sent nothing", seconds: 30);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    private static int OpenDescriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    private static bool ClosedByPeer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
