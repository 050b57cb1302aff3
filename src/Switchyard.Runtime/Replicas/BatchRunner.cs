using System.Diagnostics;
using Switchyard.Runtime.Batching;
using Switchyard.Runtime.Diagnostics;


namespace Switchyard.Runtime.Replicas;

/// <summary>
/// A replica's batch loop, run on the thread pool: takes batches from the queue, calls the batch backend once per
/// batch, and hands each caller its own result. A wrong result count or an exception fails exactly that batch.
/// </summary>
internal sealed class BatchRunner
{
    private readonly IBatchBackend _backend;
    private readonly BatchQueue<PendingCall> _batches;
    private readonly string _name;
    private readonly TimeProvider _time;
    private readonly SwitchyardMetrics _metrics;

    public BatchRunner(IBatchBackend backend, BatchQueue<PendingCall> batches, string name, TimeProvider time, SwitchyardMetrics metrics)
    {
        _backend = backend;
        _batches = batches;
        _name = name;
        _time = time;
        _metrics = metrics;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backend = _backend;
        var batches = _batches;
        var backendName = _name;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<PendingCall> batch;
            try
            {
                batch = await batches.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _metrics.QueuedChanged(backendName, -batch.Count);
            _metrics.BatchTaken(backendName, batch.Count);
            List<ActivityContext>? traced = null;
            foreach (var call in batch)
            {
                _metrics.QueueTime(backendName, call.WaitedBefore + _time.GetElapsedTime(call.Enqueued));
                if (call.Trace != default)
                {
                    SwitchyardActivities.RecordQueue(call.Trace, call.ArrivedAt);
                    (traced ??= []).Add(call.Trace);
                }
            }

            using var activity = traced is null ? null : SwitchyardActivities.StartBatch(backendName, traced);

            var requests = new ServeRequest[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                requests[i] = batch[i].Request;
            }

            try
            {
                var results = await backend.CallBatchAsync(requests, cancellationToken).ConfigureAwait(false);
                if (results is null || results.Count != batch.Count)
                {
                    var failure = ReplicaResponse.Problem(
                        500,
                        "InvalidOperationException",
                        $"The batch backend returned {results?.Count ?? 0} results for a batch of {batch.Count} requests; it must return exactly one result per request, in order.");
                    foreach (var call in batch)
                    {
                        call.Completion.TrySetResult(failure);
                    }

                    continue;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(ResultEncoder.Encode(results[i], batch[i].Request));
                }
            }
            catch (Exception ex)
            {
                var failure = ResultEncoder.Failure(ex);
                foreach (var call in batch)
                {
                    call.Completion.TrySetResult(failure);
                }
            }
        }
    }
}
