using System.Diagnostics;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>
/// Switchyard's spans, on the activity source <c>Switchyard</c>. With nobody listening <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and every span is skipped, so tracing costs a null check per step when it is off.
/// </summary>
internal static class SwitchyardActivities
{
    public const string SourceName = "Switchyard";

    /// <summary>The router's choice: endpoint, backend, why (shard key or weights), replica, attempts.</summary>
    public const string Route = "switchyard.route";

    /// <summary>One request at a replica, from arrival to answer; a child of the route span, on the replica's node.</summary>
    public const string Replica = "switchyard.replica";

    /// <summary>Time a request waited at its replica (for a concurrency slot, then in the batch queue).</summary>
    public const string Queue = "switchyard.queue";

    /// <summary>One call of a batch backend, linked to the replica span of every request in the batch.</summary>
    public const string Batch = "switchyard.batch";

    /// <summary>The W3C trace parent of the route span, carried to the replica in Orleans' request context.</summary>
    public const string TraceParentKey = "switchyard.traceparent";

    /// <summary>Created once: listeners attach to it by name, and it holds no state of its own.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Records the wait from <paramref name="arrivedAt"/> until now as a finished queue span under <paramref name="replica"/>.</summary>
    public static void RecordQueue(ActivityContext replica, DateTimeOffset arrivedAt)
    {
        if (replica == default)
        {
            return;
        }

        // Recorded after the fact, so it must not stay the current activity of the caller's flow.
        var current = Activity.Current;
        Source.StartActivity(Queue, ActivityKind.Internal, replica, startTime: arrivedAt)?.Stop();
        Activity.Current = current;
    }

    /// <summary>A span around one batch call, linked to each request's replica span; null when none is traced.</summary>
    public static Activity? StartBatch(string backend, IReadOnlyList<ActivityContext> requests)
    {
        if (!Source.HasListeners() || requests.Count == 0)
        {
            return null;
        }

        var links = new ActivityLink[requests.Count];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = new ActivityLink(requests[i]);
        }

        var activity = Source.StartActivity(Batch, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("switchyard.backend", backend);
        activity?.SetTag("switchyard.batch_size", requests.Count);
        return activity;
    }
}
