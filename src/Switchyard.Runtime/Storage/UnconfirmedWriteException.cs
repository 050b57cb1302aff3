namespace Switchyard.Runtime.Storage;

/// <summary>
/// A state file was renamed into place, but flushing its folder failed: the new state is what the folder holds now,
/// yet may not survive a power loss. Neither "written" nor "not written" is known; a caller reads the state back.
/// </summary>
internal sealed class UnconfirmedWriteException(string path, Exception inner)
    : IOException($"The state file {path} was replaced, but its folder could not be flushed to disk: {inner.Message}", inner);
