namespace Switchyard;

/// <summary>A backend that receives a whole batch in one call ("accept batch").</summary>
public interface IBatchBackend
{
    /// <summary>Handles a batch; must return exactly one result per request, in order.</summary>
    /// <param name="requests">The batch, oldest request first.</param>
    /// <param name="cancellationToken">Cancelled when the replica stops.</param>
    ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken);
}
