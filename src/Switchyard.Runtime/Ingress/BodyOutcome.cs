namespace Switchyard.Runtime.Ingress;

/// <summary>How reading a request body ended.</summary>
internal enum BodyOutcome
{
    /// <summary>The whole body was read.</summary>
    Read,

    /// <summary>The body exceeds the per-request limit, declared or sent (413).</summary>
    TooLarge,

    /// <summary>Holding the body would take the node past its <see cref="BodyBudget"/> (503).</summary>
    OverBudget,
}
