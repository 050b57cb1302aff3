namespace Switchyard;

/// <summary>
/// A batch backend that prepares each request on its own before it joins a batch (decode, parse, tokenize), so
/// that work runs concurrently on the thread pool instead of in series inside the batch call, which then only runs
/// the model. The result is in <see cref="ServeRequest.Prepared"/>.
/// </summary>
public interface IRequestPreparer
{
    /// <summary>
    /// Prepares one request; called once per request, concurrently, before batching. Throwing
    /// <see cref="ServeException"/> (or any exception) fails only that request, which then never joins a batch.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>Whatever the batch call needs from this request.</returns>
    object? Prepare(ServeRequest request);
}
