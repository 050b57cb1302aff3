using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port for cluster tests. It snapshots only when stopped
/// (<see cref="StopAsync"/>), so a test can take it away as an outage would and bring it back with its data.
/// </summary>
public class RedisServer : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-redis-").FullName;
    private Process? _process;

    public RedisServer()
        : this(password: null)
    {
    }

    protected RedisServer(string? password) => Password = password;

    /// <summary>The password clients must give (<c>requirepass</c>), or null for none.</summary>
    public string? Password { get; }

    public int Port { get; } = NodePorts.Free().Http;

    /// <summary>A cluster URL with a fresh cluster name, so tests never see each other's nodes.</summary>
    public string NewClusterUrl() => $"redis://{(Password is null ? "" : $":{Password}@")}127.0.0.1:{Port}/c{Guid.NewGuid():N}";

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the server (again) on the same port, with whatever it saved when it was stopped.</summary>
    public async Task StartAsync()
    {
        string[] args = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, .. Password is null ? Array.Empty<string>() : ["--requirepass", Password]];
        var start = new ProcessStartInfo("redis-server", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed? .ci/run installs it)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await Eventually.ValueAsync(PingAsync, static pong => pong, $"redis-server on port {Port} to answer PING");
    }

    /// <summary>Stops the server, saving its data first; clients see connections refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var command = Password is null ? "SHUTDOWN SAVE\r\n" : $"AUTH {Password}\r\nSHUTDOWN SAVE\r\n";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(command));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
        _process = null;
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            var stream = client.GetStream();
            var command = Password is null ? "PING\r\n" : $"AUTH {Password}\r\nPING\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), cancellationToken);
            var answer = new StringBuilder();
            var buffer = new byte[64];
            while (!answer.ToString().Contains("PONG", StringComparison.Ordinal) && !answer.ToString().Contains('-', StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return answer.ToString().Contains("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
