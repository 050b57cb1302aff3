namespace Switchyard;

/// <summary>A backend that handles one request at a time (per call; a replica may run several calls concurrently).</summary>
public interface IBackend
{
    /// <summary>Handles one request and returns its result (see the contract's result mapping).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up or the request times out.</param>
    ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken);
}
