namespace Switchyard.Runtime.Routing;

/// <summary>How one attempt to call a replica ended, as far as retrying is concerned.</summary>
internal enum CallOutcome
{
    /// <summary>The replica answered (success or the backend's own failure).</summary>
    Answered,

    /// <summary>The replica answered that it is not running: it did no work.</summary>
    NotRunning,

    /// <summary>The message provably never reached the replica (rejected or never sent).</summary>
    NotDelivered,

    /// <summary>The replica's node was lost while the call was out: the request may have run.</summary>
    NodeLost,

    /// <summary>No answer in time: the request may still be running.</summary>
    TimedOut,

    /// <summary>Anything else that went wrong in the runtime.</summary>
    Failed,
}
