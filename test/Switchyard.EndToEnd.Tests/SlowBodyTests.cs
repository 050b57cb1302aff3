using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Slow senders (issue 8, point 2): hundreds of connections that each declare 16 MiB and trickle a byte a second
/// cost the node little memory, do not stop other callers, and are cut off by Kestrel's minimum data rate.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class SlowBodyTests : IAsyncLifetime
{
    private const int Connections = 300;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        // A buffer allocated but not yet written costs no resident memory, so RSS alone would not show buffers sized by
        // the declared length; under a heap limit they fail at once. 512 MiB is five times what the node needs.
        // 20,000 open files (8,000 connections per port) whatever the machine's limit, so 300 connections fit.
        _node = await NodeProcess.StartWithOpenFileLimitAsync(20_000, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" });
        await _node.DeployAsync("sink", "Echo", methods: """["POST"]""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task TricklingSenders_MemoryBoundedOthersServedAndCutOff()
    {
        for (var i = 0; i < 20; i++)
        {
            using var warm = await _node.Http.PostAsync("sink", new StringContent("warm"));
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var residentBefore = ProcessMemory.Resident(_node.ProcessId);
        var peakBefore = ProcessMemory.Peak(_node.ProcessId);
        var sockets = new List<Socket>();
        try
        {
            var header = Encoding.ASCII.GetBytes($"POST /sink HTTP/1.1\r\nHost: 127.0.0.1:{_node.Ports.Http}\r\nContent-Type: application/octet-stream\r\nContent-Length: {16 * 1024 * 1024}\r\n\r\n");
            for (var i = 0; i < Connections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, _node.Ports.Http);
                await socket.SendAsync(header);
                sockets.Add(socket);
            }

            using var stop = new CancellationTokenSource();
            var trickle = TrickleAsync(sockets, stop.Token);
            var clock = Stopwatch.StartNew();
            long peakResident = 0;
            var served = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(4))
            {
                var call = Stopwatch.StartNew();
                using var response = await _node.Http.PostAsync("sink", new StringContent("still here"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(call.Elapsed < TimeSpan.FromSeconds(2), $"a normal call took {call.Elapsed} while {Connections} connections trickled");
                served++;
                peakResident = Math.Max(peakResident, ProcessMemory.Resident(_node.ProcessId));
            }

            var grew = Math.Max(peakResident, ProcessMemory.Peak(_node.ProcessId) - peakBefore + residentBefore) - residentBefore;
            Assert.True(grew < 100L * 1024 * 1024, $"resident memory grew by {grew / 1024 / 1024} MB with {Connections} trickling connections");
            Assert.True(served > 5, $"only {served} normal calls were answered in 4 s");

            // Kestrel's minimum request body rate (1 KiB/s after a 5 s grace) ends every trickling request.
            var answers = new Dictionary<Socket, string>();
            await Eventually.TrueAsync(() => Task.FromResult(sockets.All(s => Closed(s, answers))), $"the node to cut off all {Connections} trickling connections", seconds: 60);
            var statuses = answers.Values.Select(a => a.Split("\r\n")[0]).GroupBy(line => line).Select(g => $"{g.Count()} × '{g.Key}'").ToList();
            Assert.True(answers.Values.All(a => a.StartsWith("HTTP/1.1 408", StringComparison.Ordinal)), $"trickling requests should end with 408 (too slow); got {string.Join(", ", statuses)}");
            await stop.CancelAsync();
            await trickle;
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }

        using var health = await _node.Http.GetAsync("-/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task TrickleAsync(List<Socket> sockets, CancellationToken cancellationToken)
    {
        var oneByte = new byte[] { (byte)'x' };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await WaitAsync(timer, cancellationToken))
        {
            foreach (var socket in sockets)
            {
                try
                {
                    if (socket.Connected && !socket.Poll(0, SelectMode.SelectRead))
                    {
                        socket.Send(oneByte, SocketFlags.None);
                    }
                }
                catch (SocketException)
                {
                    // Cut off by the node: exactly what is expected sooner or later.
                }
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True once the node closed the connection; what it answered before closing is kept in <paramref name="answers"/>.</summary>
    private static bool Closed(Socket socket, Dictionary<Socket, string> answers)
    {
        try
        {
            if (!socket.Poll(0, SelectMode.SelectRead))
            {
                return false;
            }

            var buffer = new byte[4096];
            int read;
            while (socket.Available > 0 && (read = socket.Receive(buffer)) > 0)
            {
                answers[socket] = answers.GetValueOrDefault(socket, string.Empty) + Encoding.ASCII.GetString(buffer, 0, read);
            }

            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0 && socket.Receive(buffer, SocketFlags.Peek) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
