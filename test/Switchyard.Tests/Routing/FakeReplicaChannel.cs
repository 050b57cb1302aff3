using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

/// <summary>A replica the router can call in a test: answers through <see cref="Handler"/> and counts the calls.</summary>
internal sealed class FakeReplicaChannel : IReplicaChannel
{
    private int _calls;

    public static readonly ReplicaResponse Ok = new() { StatusCode = 200, Bytes = "ok"u8.ToArray() };

    public Func<ReplicaRequest, CancellationToken, ValueTask<ReplicaResponse>> Handler { get; set; } = (_, _) => ValueTask.FromResult(Ok);

    /// <summary>Calls received so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Handler(request, cancellationToken);
    }

    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) => Task.FromResult(ReplicaModel.NotRunning);

    /// <summary>The outcome a thrown exception stands for: a <see cref="ChannelException"/>'s own, else <see cref="CallOutcome.Failed"/>.</summary>
    public CallOutcome Classify(Exception exception) => exception is ChannelException channel ? channel.Outcome : CallOutcome.Failed;

    /// <summary>What a test throws to stand for a runtime failure of a given kind (its message must never reach a caller).</summary>
    internal sealed class ChannelException(CallOutcome outcome) : Exception($"silo S127.0.0.1:11111:1 at /secret/path failed ({outcome})")
    {
        public CallOutcome Outcome { get; } = outcome;
    }
}
