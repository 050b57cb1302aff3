using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A tiny OTLP/HTTP collector on a free loopback port: it answers 200 to every export and keeps each body by path
/// (<c>/v1/traces</c>, <c>/v1/metrics</c>). Bodies stay protobuf; tests look for the bytes they expect in them.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _exports = [];
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<byte[]> Bodies(string path)
    {
        lock (_exports)
        {
            return _exports.Where(e => e.Path == path).Select(e => e.Body).ToList();
        }
    }

    /// <summary>True when some export to <paramref name="path"/> holds every one of <paramref name="needles"/>.</summary>
    public bool Holds(string path, params byte[][] needles) =>
        Bodies(path).Any(body => needles.All(needle => body.AsSpan().IndexOf(needle) >= 0));

    /// <summary>
    /// True when, for each of <paramref name="needles"/>, some export to <paramref name="path"/> holds it together with
    /// <paramref name="key"/> (spans of one trace may arrive in different exports).
    /// </summary>
    public bool HoldsEach(string path, byte[] key, params byte[][] needles)
    {
        var bodies = Bodies(path).Where(body => body.AsSpan().IndexOf(key) >= 0).ToList();
        return needles.All(needle => bodies.Any(body => body.AsSpan().IndexOf(needle) >= 0));
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_exports)
            {
                _exports.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
