using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchyard.Benchmarks;

/// <summary>
/// <c>http [--bare] [--seconds 8] [--warmup 3] [--connections 32]</c>: what one HTTP request allocates in the
/// server, by type. Serves a no-op <c>GET</c> in this process (an embedded node's route to the no-op backend, or
/// with <c>--bare</c> a minimal API answering "hello", as <c>bench/BareKestrel</c> does), loads it with
/// <c>wrk -t1</c> for the warm-up and then the measured time, and divides what this process allocated meanwhile by
/// the requests wrk made. Ends with <c>bytes_per_request=N</c>, <c>requests_per_s=N</c> and the bytes per request
/// by type (sampled, <see cref="AllocationSampler"/>).
/// </summary>
internal static partial class HttpAllocations
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var bare = false;
        var seconds = 8;
        var warmup = 3;
        var connections = 32;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--bare")
            {
                bare = true;
                continue;
            }

            var value = i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : throw new ArgumentException($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--seconds": seconds = value; break;
                case "--warmup": warmup = value; break;
                case "--connections": connections = value; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }

            i++;
        }

        await using var server = bare ? await BareAsync() : await NodeAsync();
        await WrkAsync(server.Url, connections, warmup);
        using var sampler = new AllocationSampler();
        sampler.Start();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var requests = await WrkAsync(server.Url, connections, seconds);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        sampler.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"http: {(bare ? "bare Kestrel" : "switchyard node")}, {requests} requests in {seconds} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes_per_request={allocated / (double)requests:0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests_per_s={requests / (double)seconds:0}"));
        foreach (var (type, share) in sampler.Shares())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated {share * allocated / requests,6:0} B/request  {type}"));
        }

        return 0;
    }

    /// <summary>Runs wrk against <paramref name="url"/> and returns the requests it made.</summary>
    private static async Task<long> WrkAsync(string url, int connections, int seconds)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", url]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk)");
        var text = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var match = RequestsLine().Match(text);
        if (wrk.ExitCode != 0 || !match.Success || text.Contains("Non-2xx", StringComparison.Ordinal) || text.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk failed against {url}: {text}");
        }

        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<Server> NodeAsync()
    {
        var node = await NoopNode.StartAsync(replicas: 2);
        return new Server($"http://127.0.0.1:{node.HttpPort}/noop", node.DisposeAsync);
    }

    private static async Task<Server> BareAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapGet("/hello", () => "hello");
        await app.StartAsync();
        return new Server($"http://127.0.0.1:{port}/hello", app.DisposeAsync);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    private sealed class Server(string url, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public ValueTask DisposeAsync() => dispose();
    }
}
