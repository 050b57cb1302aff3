using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Reads a node's <c>/api/status</c> over and over in the background (one call after the other: each may wait while
/// the controller moves) and remembers when each named condition was first seen to hold, and every error answer.
/// </summary>
public sealed class StatusTimeline : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TimeSpan> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StatusTimeline(NodeProcess node, Func<TimeSpan> clock, params (string Name, Func<JsonNode, bool> Holds)[] conditions)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await node.Admin.GetAsync("api/status", _stop.Token);
                    var body = await response.Content.ReadAsStringAsync(_stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        _errors.Enqueue($"[{clock().TotalSeconds:0.00}s] {(int)response.StatusCode} {body}");
                    }
                    else
                    {
                        var status = JsonNode.Parse(body)!;
                        foreach (var (name, holds) in conditions)
                        {
                            if (holds(status))
                            {
                                _firstSeen.TryAdd(name, clock());
                            }
                        }
                    }

                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException ex)
                {
                    _errors.Enqueue($"[{clock().TotalSeconds:0.00}s] {ex.Message}");
                }
            }
        });
    }

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>When <paramref name="name"/> was first seen to hold, or null if not (yet).</summary>
    public TimeSpan? FirstSeen(string name) => _firstSeen.TryGetValue(name, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
