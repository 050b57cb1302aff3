namespace Switchyard.Runtime.Replicas;

/// <summary>Calls a backend off the grain scheduler and turns its outcome into a response value.</summary>
internal static class BackendInvoker
{
    public static async Task<ReplicaResponse> CallAsync(IBackend backend, ServeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await backend.CallAsync(request, cancellationToken).ConfigureAwait(false);
            return ResultEncoder.Encode(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ResultEncoder.Failure(ex);
        }
    }

    /// <summary>Runs a batch backend's per-request preparation; a failure answers that request alone.</summary>
    public static ReplicaResponse? Prepare(IRequestPreparer preparer, ServeRequest request)
    {
        try
        {
            request.Prepared = preparer.Prepare(request);
            return null;
        }
        catch (Exception ex)
        {
            return ResultEncoder.Failure(ex);
        }
    }
}
