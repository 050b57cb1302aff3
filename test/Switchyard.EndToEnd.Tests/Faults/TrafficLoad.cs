using System.Collections.Concurrent;
using System.Diagnostics;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Steady GET traffic: several clients, each sending one request after another (with a short think time) to the
/// ingress of the nodes it is given, in turn. Every outcome is recorded on one clock, so a test can say what the
/// clients saw around a fault. The set of nodes can change while it runs (a rolling restart leaves one out).
/// </summary>
public sealed class TrafficLoad : IAsyncDisposable
{
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(20);

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromSeconds(20) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<TrafficOutcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly Task[] _clients;
    private volatile (string Id, NodeProcess Node)[] _targets;
    private int _next;
    private int _succeeded;

    private TrafficLoad(string path, IEnumerable<(string Id, NodeProcess Node)> through, int clients)
    {
        _path = path;
        _targets = [.. through];
        _clients = [.. Enumerable.Range(0, clients).Select(_ => Task.Run(RunClientAsync))];
    }

    /// <summary>The load's clock: every outcome's times are on it.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public static TrafficLoad Start(string path, IEnumerable<(string Id, NodeProcess Node)> through, int clients = 8) => new(path, through, clients);

    /// <summary>From now on, requests go only through these nodes.</summary>
    public void Through(IEnumerable<(string Id, NodeProcess Node)> through) => _targets = [.. through];

    /// <summary>Waits until <paramref name="count"/> more requests have succeeded (traffic is flowing), failing after the bound.</summary>
    public async Task WaitForSuccessesAsync(int count, string when, int seconds = 30)
    {
        var target = Succeeded + count;
        await Eventually.TrueAsync(() => Task.FromResult(Succeeded >= target), $"{count} successful requests {when} (had {Succeeded - target + count})", seconds);
    }

    public async Task<TrafficReport> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        return new TrafficReport([.. _outcomes.OrderBy(o => o.Started)]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunClientAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var targets = _targets;
            var (id, node) = targets[(int)((uint)Interlocked.Increment(ref _next) % targets.Length)];
            var started = Now;
            int status;
            string detail;
            try
            {
                using var response = await _http.GetAsync($"http://127.0.0.1:{node.Ports.Http}/{_path}", CancellationToken.None);
                status = (int)response.StatusCode;
                detail = status == 200 ? string.Empty : await response.Content.ReadAsStringAsync();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                status = 0;
                detail = $"{ex.GetType().Name}: {ex.Message}";
            }

            _outcomes.Enqueue(new TrafficOutcome(started, Now, id, status, detail));
            if (status == 200)
            {
                Interlocked.Increment(ref _succeeded);
            }

            try
            {
                await Task.Delay(ThinkTime, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
