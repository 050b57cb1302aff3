namespace Switchyard.Runtime.Replicas;

/// <summary>A request waiting in a replica's batch queue for its batch to run.</summary>
internal sealed class PendingCall
{
    public PendingCall(ServeRequest request, long enqueued)
    {
        Request = request;
        Enqueued = enqueued;
    }

    public ServeRequest Request { get; }

    public long Enqueued { get; }

    /// <summary>
    /// Completed from the batch loop. Its awaiter is grain code, whose continuation goes to the activation's
    /// scheduler anyway, so it need not be forced onto the thread pool first (one hop less per request).
    /// </summary>
    public TaskCompletionSource<ReplicaResponse> Completion { get; } = new();
}
