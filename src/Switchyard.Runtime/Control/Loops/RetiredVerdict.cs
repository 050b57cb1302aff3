namespace Switchyard.Runtime.Control.Loops;

/// <summary>What a health check found of a retired replica.</summary>
internal enum RetiredVerdict
{
    /// <summary>Still draining: keep its reservation until it stops.</summary>
    Draining,

    /// <summary>Stopped, or no longer anywhere: forget it and release what it held.</summary>
    Gone,

    /// <summary>Still running as if never told to drain (the drain call was lost): tell it again.</summary>
    DrainAgain,
}
