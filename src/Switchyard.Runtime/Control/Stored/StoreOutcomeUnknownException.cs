namespace Switchyard.Runtime.Control.Stored;

/// <summary>
/// A write timed out and the state could not be read back: the store may or may not hold it. Memory keeps the state
/// from before; the next write's ETag check tells which (a landed write makes the controller step down, and its
/// successor starts from what the store holds).
/// </summary>
internal sealed class StoreOutcomeUnknownException(Exception timeout)
    : Exception("the store did not confirm the write in time and could not be read back", timeout);
