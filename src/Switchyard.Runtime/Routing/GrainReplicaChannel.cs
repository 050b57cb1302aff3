using Orleans.Runtime.Messaging;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>A replica reached through Orleans: its grain, and what Orleans' exceptions say about a call.</summary>
internal sealed class GrainReplicaChannel(IReplicaGrain grain) : IReplicaChannel
{
    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken) =>
        grain.InvokeAsync(request, cancellationToken);

    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) => grain.GetModelAsync(cancellationToken);

    public CallOutcome Classify(Exception exception) => Of(exception);

    /// <summary>
    /// A rejection is sent before the target activation runs the message, and a connection that failed sent
    /// nothing; a silo found dead while the call was out (a subclass of rejection) may have run it; a response
    /// timeout leaves the call running.
    /// </summary>
    internal static CallOutcome Of(Exception exception) => exception switch
    {
        TimeoutException => CallOutcome.TimedOut,
        SiloUnavailableException => CallOutcome.NodeLost,
        OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException => CallOutcome.NotDelivered,
        OrleansException { InnerException: { } inner } => Of(inner),
        _ => CallOutcome.Failed,
    };
}
