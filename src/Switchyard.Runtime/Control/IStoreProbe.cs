namespace Switchyard.Runtime.Control;

/// <summary>Asks whether the controller's store answers, for <c>/api/status</c> (a cheap round trip, not a write).</summary>
internal interface IStoreProbe
{
    /// <summary>
    /// What is known without asking: null while the link to the store is up, else why it is not. Lets a change be
    /// refused at once during an outage instead of after the store client's timeout.
    /// </summary>
    string? KnownProblem { get; }

    /// <summary>Null when the store answers; otherwise why not, in one short line.</summary>
    ValueTask<string?> CheckAsync(CancellationToken cancellationToken);
}
