using System.Diagnostics;

namespace Switchyard.Testing;

/// <summary>
/// The one way tests wait for something: poll a condition with a bound, never a fixed sleep. On timeout the test
/// fails naming what was waited for, how long it waited, and (when the caller can say) the last thing it saw.
/// </summary>
internal static class Eventually
{
    // In-memory conditions cost nothing to check; a probe over HTTP or TCP is a round trip, so it is asked less often.
    private static readonly TimeSpan MemoryPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan ProbePoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> (in-memory state) holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, int seconds = 10) =>
        ValueAsync(_ => Task.FromResult(condition()), static held => held, what, seconds, every: MemoryPoll);

    /// <summary>Waits until <paramref name="condition"/> (a call to a node, a server, a file) answers true.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 30) =>
        ValueAsync(_ => condition(), static held => held, what, seconds);

    /// <summary>
    /// Reads with <paramref name="probe"/> until <paramref name="holds"/> accepts what it read, and returns that. The
    /// probe's token is cancelled at the deadline; <paramref name="describe"/> puts the last reading in the failure.
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> holds,
        string what,
        int seconds = 30,
        Func<T, string>? describe = null,
        TimeSpan? every = null)
    {
        var limit = TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(limit);
        var last = default(T);
        var read = false;
        while (true)
        {
            try
            {
                last = await probe(deadline.Token);
                read = true;
                if (holds(last))
                {
                    return last;
                }

                await Task.Delay(every ?? ProbePoll, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // The deadline passed while probing or between probes.
            }

            if (clock.Elapsed >= limit)
            {
                var seen = describe is null ? "" : read ? $"; last seen: {describe(last!)}" : "; nothing read";
                Assert.Fail($"timed out after {clock.Elapsed.TotalSeconds:0.#} s (limit {seconds} s) waiting for: {what}{seen}");
            }
        }
    }
}
