using System.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>A request waiting in a replica's batch queue for its batch to run.</summary>
internal sealed class PendingCall
{
    public PendingCall(ServeRequest request, long enqueued, TimeSpan waitedBefore)
    {
        Request = request;
        Enqueued = enqueued;
        WaitedBefore = waitedBefore;
    }

    public ServeRequest Request { get; }

    public long Enqueued { get; }

    /// <summary>How long it waited for a concurrency slot before it was queued (part of its queue time).</summary>
    public TimeSpan WaitedBefore { get; }

    /// <summary>The request's replica span, when traced (the batch span links to it); default otherwise.</summary>
    public ActivityContext Trace { get; init; }

    /// <summary>When the request reached the replica, for its queue span (only set when traced).</summary>
    public DateTimeOffset ArrivedAt { get; init; }

    /// <summary>
    /// Completed from the batch loop. Its awaiter is grain code, whose continuation goes to the activation's
    /// scheduler anyway, so it need not be forced onto the thread pool first (one hop less per request).
    /// </summary>
    public TaskCompletionSource<ReplicaResponse> Completion { get; } = new();
}
