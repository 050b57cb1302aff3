namespace Switchyard.Protocol;

/// <summary>Bounds on what a protocol message may declare, checked before anything is allocated from it.</summary>
internal static class OipLimits
{
    /// <summary>The most dimensions a tensor may have.</summary>
    public const int MaxRank = 32;

    /// <summary>The most elements one tensor may hold (a .NET array's limit, with room to spare).</summary>
    public const long MaxElements = int.MaxValue - 1024;

    /// <summary>JSON nesting: a request object, its tensors, their parameters, and data nested up to <see cref="MaxRank"/>.</summary>
    public const int MaxJsonDepth = MaxRank + 8;

    /// <summary>The longest tensor, output or parameter name.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>The header holding the length of the JSON part of a binary request or response.</summary>
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";
}
