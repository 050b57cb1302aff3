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

    /// <summary>The longest tensor, output, parameter or property name, request id, model name or version.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>The longest datatype (the known ones have at most 6 characters).</summary>
    public const int MaxDataTypeLength = 32;

    /// <summary>The most inputs or outputs a message may carry, and the most outputs a request may ask for.</summary>
    public const int MaxTensors = 1024;

    /// <summary>The most parameters one <c>parameters</c> object may hold.</summary>
    public const int MaxParameters = 1024;

    /// <summary>
    /// The most JSON tokens (keys, values, and each array's and object's start and end) all of a message's
    /// <c>parameters</c> objects may hold together. A parameter is kept as its JSON document's rows, 12 bytes a
    /// token however short the token (<c>[[0]]</c> is five), so this bounds what they keep beyond their bytes:
    /// at most 768 KiB a message.
    /// </summary>
    public const int MaxParameterTokens = 65_536;

    /// <summary>The header holding the length of the JSON part of a binary request or response.</summary>
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";
}
