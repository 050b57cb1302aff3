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
}
