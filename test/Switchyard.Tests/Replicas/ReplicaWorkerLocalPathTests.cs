using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

/// <summary>
/// Every <see cref="ReplicaWorkerTests"/> test again, with each request sent the way this node's router sends it to
/// a local replica: <see cref="ReplicaWorker.InvokeOnCallerAsync"/> from a thread-pool thread (the backend runs on
/// the caller's thread, a batch result comes back on the thread pool). Admission, batching, drain and cancellation
/// must answer exactly as through the grain.
/// </summary>
public sealed class ReplicaWorkerLocalPathTests : ReplicaWorkerTests
{
    private protected override ValueTask<ReplicaResponse> Invoke(ReplicaWorker worker, ReplicaRequest request, CancellationToken cancellationToken) =>
        new(Task.Run(() => worker.InvokeOnCallerAsync(request, default, cancellationToken).AsTask(), CancellationToken.None));
}
