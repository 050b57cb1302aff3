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

    public TaskCompletionSource<ReplicaResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
