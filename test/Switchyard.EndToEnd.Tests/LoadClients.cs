using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Closed-loop clients: each sends one request, waits for the answer, and sends the next, until its number is
/// lowered or the load is disposed. Every answer is kept (when, status, body), so a test can say what clients saw.
/// </summary>
public sealed class LoadClients : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _path;
    private readonly Func<int, HttpRequestMessage>? _request;
    private readonly List<(Task Task, CancellationTokenSource Stop)> _clients = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public LoadClients(HttpClient http, string path, Func<int, HttpRequestMessage>? request = null)
    {
        _http = http;
        _path = path;
        _request = request;
    }

    /// <summary>Every answer so far: seconds since the load began, status, body (null when the request itself failed).</summary>
    public ConcurrentQueue<(double At, HttpStatusCode Status, string? Body)> Answers { get; } = new();

    public double Now => _clock.Elapsed.TotalSeconds;

    public int Count => _clients.Count;

    /// <summary>Runs <paramref name="count"/> clients from now on (adding or stopping some).</summary>
    public async Task SetAsync(int count)
    {
        while (_clients.Count < count)
        {
            var stop = new CancellationTokenSource();
            var index = _clients.Count;
            _clients.Add((Task.Run(() => RunAsync(index, stop.Token)), stop));
        }

        // All that stop, stop at once; their requests under way are answered and counted.
        var stopping = _clients.Skip(count).ToList();
        _clients.RemoveRange(count, stopping.Count);
        foreach (var (_, stop) in stopping)
        {
            await stop.CancelAsync();
        }

        foreach (var (task, stop) in stopping)
        {
            await task;
            stop.Dispose();
        }
    }

    /// <summary>Answers from <paramref name="from"/> on (seconds since the load began) that were not a 200.</summary>
    public List<(double At, HttpStatusCode Status, string? Body)> FailuresSince(double from) =>
        [.. Answers.Where(a => a.At >= from && a.Status != HttpStatusCode.OK)];

    public async ValueTask DisposeAsync() => await SetAsync(0);

    private async Task RunAsync(int index, CancellationToken stop)
    {
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            using var request = _request?.Invoke(index * 1_000_000 + sent++) ?? new HttpRequestMessage(HttpMethod.Get, _path);
            try
            {
                // An answer under way when the client stops still counts: no request is abandoned half-way.
                using var response = await _http.SendAsync(request, CancellationToken.None);
                Answers.Enqueue((Now, response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None)));
            }
            catch (HttpRequestException ex)
            {
                Answers.Enqueue((Now, 0, ex.Message));
            }
        }
    }
}
