namespace Switchyard.Runtime.Replicas;

/// <summary>Calls a backend (its caller keeps it off the grain scheduler) and turns its outcome into a response value.</summary>
internal static class BackendInvoker
{
    /// <summary>A value task, so a backend that answers synchronously costs no task allocation.</summary>
    public static async ValueTask<ReplicaResponse> CallAsync(IBackend backend, ServeRequest request, bool inference, CancellationToken cancellationToken)
    {
        if (inference && InferenceCalls.Decode(backend, request) is { } refused)
        {
            return refused;
        }

        try
        {
            var result = await backend.CallAsync(request, cancellationToken).ConfigureAwait(false);
            return ResultEncoder.Encode(result, request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ResultEncoder.Failure(ex);
        }
    }

    /// <summary>
    /// Decodes an inference call, then runs a batch backend's per-request preparation; a failure answers that
    /// request alone.
    /// </summary>
    public static ReplicaResponse? Prepare(object backend, ServeRequest request, bool inference)
    {
        if (inference && InferenceCalls.Decode(backend, request) is { } refused)
        {
            return refused;
        }

        if (backend is not IRequestPreparer preparer)
        {
            return null;
        }

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
