using System.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>A request waiting in a replica's batch queue for its batch to run.</summary>
internal sealed class PendingCall
{
    public PendingCall(ServeRequest request, long enqueued, TimeSpan waitedBefore, bool continueAsynchronously = false)
    {
        Request = request;
        Enqueued = enqueued;
        WaitedBefore = waitedBefore;
        Completion = new TaskCompletionSource<ReplicaResponse>(continueAsynchronously ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
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
    /// Completed from the batch loop. A grain's awaiter continues on the activation's scheduler anyway, so it need
    /// not be forced onto the thread pool first (one hop less per request); a caller in this process (the local
    /// path) is, or the batch loop would run that caller's continuation before the next result.
    /// </summary>
    public TaskCompletionSource<ReplicaResponse> Completion { get; }
}
