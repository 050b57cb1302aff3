using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// How this node's router reaches one replica: a message through Orleans today, a direct call for a replica in the
/// same process tomorrow. Answers are values; an exception means the call itself failed, and
/// <see cref="Classify"/> says what that failure allows the router to do next.
/// </summary>
internal interface IReplicaChannel
{
    /// <summary>Sends one request to the replica.</summary>
    ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken);

    /// <summary>Whether the replica runs, and its model's metadata (the protocol's metadata calls; never on an infer call's path).</summary>
    Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken);

    /// <summary>What an exception thrown by <see cref="InvokeAsync"/> says about the call.</summary>
    CallOutcome Classify(Exception exception);
}
