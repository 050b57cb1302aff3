namespace Switchyard.Runtime.Specs;

/// <summary>
/// Bounds on a user-supplied document (an admin body, a deployment file), so no input can exhaust the node:
/// nesting depth (deep documents overflow recursive readers) and the number of nodes once YAML aliases are
/// expanded (a kilobyte of nested aliases, the "billion laughs", otherwise expands to gigabytes).
/// </summary>
internal sealed record ParseLimits
{
    /// <summary>The limits every admin call and deployment file is read with.</summary>
    public static ParseLimits Default { get; } = new();

    /// <summary>Deepest nesting of mappings and sequences (objects and arrays). Default 64, as System.Text.Json's.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most scalars, mappings and sequences a YAML document may hold once its aliases are expanded. Default 100,000.</summary>
    public int MaxNodes { get; init; } = 100_000;
}
