using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// A replica reached directly when its grain is active in this process (the local path: its worker called on the
/// caller's thread, no Orleans message, no hop), through Orleans otherwise. The worker admits, batches, drains and
/// answers exactly as it does behind its grain, Orleans' response timeout is kept (<see cref="ResponseDeadlines"/>),
/// and a failure is classified as the grain channel classifies it, so the router cannot tell the two apart.
/// </summary>
internal sealed class LocalFirstReplicaChannel : IReplicaChannel
{
    private readonly string _tag;
    private readonly GrainReplicaChannel _remote;
    private readonly LocalReplicas _local;
    private readonly ResponseDeadlines _deadlines;
    private volatile Found _found = Found.Nothing;

    public LocalFirstReplicaChannel(string tag, GrainReplicaChannel remote, LocalReplicas local, ResponseDeadlines deadlines)
    {
        _tag = tag;
        _remote = remote;
        _local = local;
        _deadlines = deadlines;
    }

    /// <summary>True while the replica's worker is in this process and calls to it take the local path.</summary>
    public bool IsLocal => Worker() is not null;

    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken) =>
        Worker() is { } worker && OnThreadPool() ? InvokeLocal(worker, request, cancellationToken) : _remote.InvokeAsync(request, cancellationToken);

    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) =>
        Worker() is { } worker ? Task.FromResult(worker.Model()) : _remote.GetModelAsync(cancellationToken);

    public CallOutcome Classify(Exception exception) => GrainReplicaChannel.Of(exception);

    /// <summary>
    /// A caller on a grain's scheduler (or any other) goes through Orleans, so the backend never runs there; the
    /// router's callers (Kestrel, handles) are on the thread pool.
    /// </summary>
    private static bool OnThreadPool() => SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;

    /// <summary>The local worker, looked up again only when the set of local replicas changed.</summary>
    private ReplicaWorker? Worker()
    {
        var found = _found;
        var version = _local.Version;
        if (found.Version == version)
        {
            return found.Worker;
        }

        var worker = _local.Find(_tag);
        _found = new Found(version, worker);
        return worker;
    }

    private ValueTask<ReplicaResponse> InvokeLocal(ReplicaWorker worker, ReplicaRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ReplicaResponse>(cancellationToken); // Orleans sends nothing for a cancelled token either
        }

        var deadline = _deadlines.Next();
        CancellationTokenSource? linked = null;
        var token = !deadline.CanBeCanceled ? cancellationToken
            : !cancellationToken.CanBeCanceled ? deadline
            : (linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline)).Token;
        ValueTask<ReplicaResponse> pending;
        try
        {
            pending = SwitchyardActivities.Source.HasListeners()
                ? ReplicaSpans.InvokeTracedAsync(worker, request, onCaller: true, token)
                : worker.InvokeOnCallerAsync(request, default, token);
        }
        catch
        {
            linked?.Dispose();
            throw;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitAsync(pending, linked, token, cancellationToken, deadline);
        }

        linked?.Dispose();
        var response = pending.Result;
        return !Cancelled(response) ? ValueTask.FromResult(response)
            : cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<ReplicaResponse>(cancellationToken)
            : deadline.IsCancellationRequested ? ValueTask.FromException<ReplicaResponse>(Timeout())
            : ValueTask.FromResult(response);
    }

    /// <summary>A call that did not answer at once: given up at the deadline, as Orleans gives up a call, even if the backend goes on.</summary>
    private async ValueTask<ReplicaResponse> AwaitAsync(
        ValueTask<ReplicaResponse> pending, CancellationTokenSource? linked, CancellationToken token, CancellationToken cancellationToken, CancellationToken deadline)
    {
        try
        {
            ReplicaResponse response;
            try
            {
                response = await pending.AsTask().WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
            {
                throw Timeout();
            }

            if (Cancelled(response))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return deadline.IsCancellationRequested ? throw Timeout() : response;
            }

            return response;
        }
        finally
        {
            linked?.Dispose();
        }
    }

    /// <summary>
    /// The worker answered that its call was cancelled. Orleans never hands that answer to a caller whose token was
    /// cancelled (the call ends in <see cref="OperationCanceledException"/>, as one whose token was cancelled before
    /// it was sent), nor to one it gave up on (<see cref="TimeoutException"/>); the local path does the same.
    /// </summary>
    private static bool Cancelled(ReplicaResponse response) => response.Cancelled;

    private TimeoutException Timeout() =>
        new($"Replica {_tag} did not answer within the response timeout ({_deadlines.Timeout.TotalSeconds:0.###} s); the call was cancelled.");

    private sealed record Found(int Version, ReplicaWorker? Worker)
    {
        public static readonly Found Nothing = new(-1, null);
    }
}
